package org.realname.gateway.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A man in the middle of the provider link: forwards every call to the sandbox unchanged and
 * keeps each signed {@code initialize} answer, and on request answers the next
 * {@code initialize} with one of those kept answers instead (a replay of genuinely signed
 * bytes, as an attacker on the link could send them).
 */
final class ReplayingProviderProxy {

    static final String INITIALIZE = "method=alipay.user.certify.open.initialize";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");

    // The profile starts the proxy in the JUnit class loader and the test drives it from
    // Quarkus's: the state they share lives in system properties, not in either copy's statics.
    private static final String TARGET = "attack.proxy.target";
    private static final String REPLAY = "attack.proxy.replay";
    private static final String ANSWERS = "attack.proxy.initialize-answers";
    private static final String LAST_ANSWER = "attack.proxy.last-initialize-answer";

    private static HttpServer server;
    private static final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    private ReplayingProviderProxy() {
    }

    /** Starts the proxy once per JVM; the port goes into the gateway's configuration. */
    static synchronized int port() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", ReplayingProviderProxy::handle);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "replaying-provider-proxy");
                t.setDaemon(true);
                return t;
            }));
            server.start();
        }
        return server.getAddress().getPort();
    }

    /** Where the real provider (the gateway's own sandbox) listens: {@code http://localhost:port}. */
    static void forwardTo(URI origin) {
        System.setProperty(TARGET, origin.toString());
    }

    /** How many signed {@code initialize} answers went through. */
    static int initializeAnswers() {
        return Integer.parseInt(System.getProperty(ANSWERS, "0"));
    }

    static String lastInitializeAnswer() {
        return System.getProperty(LAST_ANSWER);
    }

    static void replayOnNextInitialize(String signedAnswer) {
        System.setProperty(REPLAY, signedAnswer);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean initialize = query != null && query.contains(INITIALIZE);
            String replay = initialize ? System.clearProperty(REPLAY) : null;
            if (replay != null) {
                send(exchange, 200, Map.of("Content-Type", List.of("application/json;charset=utf-8")),
                        replay.getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(System.getProperty(TARGET)).resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (initialize && answer.statusCode() == 200) {
                synchronized (ReplayingProviderProxy.class) {
                    System.setProperty(LAST_ANSWER, new String(answer.body(), StandardCharsets.UTF_8));
                    System.setProperty(ANSWERS, String.valueOf(initializeAnswers() + 1));
                }
            }
            send(exchange, answer.statusCode(), answer.headers().map(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            System.err.println("replaying proxy: " + e);
            throw e;
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
