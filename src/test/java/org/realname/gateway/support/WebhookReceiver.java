package org.realname.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A platform's webhook endpoint on loopback: a real HTTP server (Vert.x, on its own instance)
 * that records every request (headers of interest and the raw body) and answers with a chosen
 * status. {@link #down()} closes the port (connections are refused), {@link #up()} opens the same
 * port again.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(Instant at, String signature, String eventId, String eventType, String signingKey, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new ArrayList<>();
    private final int port;
    private volatile int status = 204;
    private volatile long delayMs;
    private HttpServer server;

    public WebhookReceiver() throws IOException {
        this.server = start(0);
        this.port = server.actualPort();
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
            await(server.close().toCompletionStage().toCompletableFuture());
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
        HttpServer s = vertx.createHttpServer().requestHandler(this::handle);
        try {
            return s.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the receiver could not listen on " + port, e);
        }
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            synchronized (this) {
                received.add(new Received(Instant.now(), request.getHeader("Realname-Signature"),
                        request.getHeader("Realname-Event-Id"), request.getHeader("Realname-Event-Type"),
                        request.getHeader("Realname-Signing-Key"), body.getBytes()));
            }
            int answer = status;
            Runnable respond = () -> {
                if (answer == 204) {
                    request.response().setStatusCode(204).end();
                } else {
                    request.response().setStatusCode(answer).putHeader("Content-Type", "text/plain").end("status " + answer);
                }
            };
            if (delayMs > 0) {
                vertx.setTimer(delayMs, t -> respond.run());
            } else {
                respond.run();
            }
        });
    }

    private static void await(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the receiver did not stop", e);
        }
    }

    @Override
    public void close() {
        down();
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }
}
