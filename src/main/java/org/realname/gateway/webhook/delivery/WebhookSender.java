package org.realname.gateway.webhook.delivery;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.webhook.WebhookConfig;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import org.realname.gateway.webhook.DeliveryConfig;

/**
 * Sends one signed body to one endpoint: POST, no redirects followed, connecting to exactly the
 * address the SSRF check approved (the URL's host still goes in {@code Host} and TLS SNI, and the
 * server certificate is checked against it). The answer's body is read and dropped; only the
 * status code and the time taken are kept.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final DeliveryConfig config;

    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this.config = config.delivery();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) this.config.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setForceSni(true)
                .setKeepAlive(false)
                .setMaxPoolSize(32));
    }

    /** Starts the attempt; the future never fails, every failure is a {@link SendResult}. */
    public CompletableFuture<SendResult> send(URI url, InetAddress address, Map<String, String> headers, byte[] body) {
        boolean https = "https".equals(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() != null ? "?" + url.getRawQuery() : "");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setTimeout(config.requestTimeout().toMillis());
        headers.forEach(options::putHeader);
        long started = System.nanoTime();
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(done -> {
                    int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
                    if (done.succeeded()) {
                        int status = done.result();
                        result.complete(new SendResult(status, status >= 200 && status < 300 ? "delivered" : "http-error", latency));
                    } else {
                        result.complete(new SendResult(null, failureOf(done.cause()), latency));
                    }
                });
        return result;
    }

    private static String failureOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connect-failed";
            }
            if (c instanceof SSLException) {
                return "tls-failed";
            }
            if (c instanceof java.util.concurrent.TimeoutException || c instanceof io.netty.channel.ConnectTimeoutException
                    || c.getClass().getSimpleName().contains("Timeout")) {
                return "timeout";
            }
        }
        return "failed";
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
