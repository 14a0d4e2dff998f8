package org.realname.gateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A load balancer for the test, on loopback: every request goes to the next instance in turn, with
 * {@code X-Forwarded-For} set to the address the request came from. It replaces any such header
 * the client sent (as nginx's {@code proxy_set_header X-Forwarded-For $remote_addr} does), so a
 * client behind it cannot choose its address. Its connections to the instances come from
 * 127.0.0.1, the address the instances trust ({@code QUARKUS_HTTP_PROXY_TRUSTED_PROXIES}).
 */
final class ForwardingProxy implements AutoCloseable {

    /** Headers that describe one connection, or that the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authorization", "proxy-connection", "host", "content-length", "expect",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger next = new AtomicInteger();
    /** Set once the instances run: they are started with this proxy's address as their public origin. */
    private volatile List<URI> instances = List.of();
    private volatile AtomicInteger[] forwarded = new AtomicInteger[0];

    ForwardingProxy() throws IOException {
        // Bound by this JVM itself, so port 0 is safe here.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    void forwardTo(List<URI> targets) {
        AtomicInteger[] counts = new AtomicInteger[targets.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new AtomicInteger();
        }
        forwarded = counts;
        instances = List.copyOf(targets);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many requests went to instance {@code i}. */
    int forwardedTo(int i) {
        return forwarded[i].get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<URI> instances = this.instances;
            if (instances.isEmpty()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            int i = Math.floorMod(next.getAndIncrement(), instances.size());
            forwarded[i].incrementAndGet();
            URI target = instances.get(i).resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            request.header("X-Forwarded-Proto", "http");
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
