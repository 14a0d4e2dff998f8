package org.realname.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A platform's webhook endpoint on loopback: a real HTTP server that records every request
 * (headers of interest and the raw body) and answers with a chosen status. {@link #down()} closes
 * the port (connections are refused), {@link #up()} opens the same port again.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(Instant at, String signature, String eventId, String eventType, String signingKey, byte[] body) {
        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final List<Received> received = new ArrayList<>();
    private volatile int status = 204;
    private volatile long delayMs;
    private HttpServer server;

    public WebhookReceiver() throws IOException {
        this(0);
    }

    public WebhookReceiver(int port) throws IOException {
        this.server = start(port);
        this.port = server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/realname";
    }

    public int port() {
        return port;
    }

    /** The status code answered from now on. */
    public void answer(int status) {
        this.status = status;
    }

    /** How long each answer takes from now on (a slow endpoint). */
    public void delay(Duration delay) {
        this.delayMs = delay.toMillis();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized void up() throws IOException {
        if (server == null) {
            server = start(port);
        }
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> which) {
        return received().stream().filter(which).toList();
    }

    /** Waits until {@code count} requests matching {@code which} arrived; fails after {@code within}. */
    public List<Received> await(Predicate<Received> which, int count, Duration within) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            List<Received> got = received(which);
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + count + " webhook requests within " + within + ", got " + received(which).size());
    }

    private HttpServer start(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var h = exchange.getRequestHeaders();
            synchronized (WebhookReceiver.this) {
                received.add(new Received(Instant.now(), h.getFirst("Realname-Signature"), h.getFirst("Realname-Event-Id"),
                        h.getFirst("Realname-Event-Type"), h.getFirst("Realname-Signing-Key"), body));
            }
            int answer = status;
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (answer == 204) {
                exchange.sendResponseHeaders(answer, -1);
            } else {
                // An explicit length: the end of the answer never depends on the connection closing.
                byte[] text = ("status " + answer).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(answer, text.length);
                exchange.getResponseBody().write(text);
            }
            exchange.close();
        });
        s.start();
        return s;
    }

    @Override
    public void close() {
        down();
    }
}
