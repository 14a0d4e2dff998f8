package org.realname.gateway.provider.alipay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.tls.LinkTls;

/**
 * The wire: signs a call, POSTs it to {@code gateway.do} and verifies the answer. Package-private;
 * {@link AlipayProvider} is the public facade. Nothing here logs a request or answer body: both
 * carry names and ID numbers.
 */
final class AlipayGatewayClient {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AlipayGatewayClient.class);

    private final URI endpoint;
    private final HttpClient http;
    private final java.time.Duration readTimeout;
    private final int maxResponseBytes;

    /**
     * @param readTimeout the whole answer, headers and body, must arrive within it
     * @param maxResponseBytes a longer answer is not read further and is refused as malformed
     * @param tls the link's own TLS (GM modes), or empty for the JDK's default TLS
     */
    AlipayGatewayClient(URI endpoint, java.time.Duration connectTimeout, java.time.Duration readTimeout,
            int maxResponseBytes, Optional<LinkTls> tls) {
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.http = newHttpClient(connectTimeout, tls);
    }

    /** The link's HTTP client: the JDK's TLS, or the given GM TLS over HTTP/1.1. Package-private for the TLS tests. */
    static HttpClient newHttpClient(java.time.Duration connectTimeout, Optional<LinkTls> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        // HTTP/1.1 on GM links: the JDK 17 client's HTTP/2 path drops protocol names ending in
        // "v1.1" (TLCP) and gains nothing for one request at a time.
        tls.ifPresent(t -> builder.sslContext(t.context()).sslParameters(t.parameters()).version(HttpClient.Version.HTTP_1_1));
        return builder.build();
    }

    /**
     * Calls {@code method} and answers the verified response, whatever its code.
     *
     * @throws ProviderException unavailable on network errors, timeouts and non-200 statuses;
     *         {@code PROVIDER_ERROR} when the answer fails verification or is longer than the cap
     */
    AlipayResponse call(SignedRequest request, ResponseVerifier verifier) {
        String method = request.query().get("method");
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(endpoint + "?" + request.queryString()))
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.formBody(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = send(httpRequest, method);
        if (response.statusCode() != 200) {
            // The protocol always answers 200; anything else is a proxy or an outage.
            throw ProviderException.unavailable("http-" + response.statusCode(), null);
        }
        return verifier.verify(method, new String(response.body(), StandardCharsets.UTF_8));
    }

    /**
     * The JDK's request timeout ends when the headers arrive; a provider that then trickles its
     * body would hold the caller until the fault-tolerance timeout. The deadline here covers the
     * body too, so the read timeout means what its setting says.
     */
    private HttpResponse<byte[]> send(HttpRequest httpRequest, String method) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(httpRequest, CappedBody.handler(maxResponseBytes));
        try {
            return pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw ProviderException.unavailable("timeout", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted", e);
        } catch (ExecutionException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof CappedBody.TooLarge) {
                    LOG.warnf("The provider's answer to %s exceeded %d bytes; refused unread", method, maxResponseBytes);
                    throw ResponseVerifier.rejected(ResponseVerifier.MALFORMED);
                }
                if (c instanceof HttpTimeoutException) {
                    throw ProviderException.unavailable("timeout", c);
                }
            }
            throw ProviderException.unavailable("network", e.getCause());
        }
    }

    URI pageUrl(SignedRequest request) {
        return URI.create(endpoint + "?" + request.pageQueryString());
    }
}
