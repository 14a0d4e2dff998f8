package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.tls.LinkTls;

/**
 * The wire: signs a call, POSTs it to {@code gateway.do} and verifies the answer. Package-private;
 * {@link AlipayProvider} is the public facade. Nothing here logs a request or answer body: both
 * carry names and ID numbers.
 */
final class AlipayGatewayClient {

    private final URI endpoint;
    private final HttpClient http;
    private final java.time.Duration readTimeout;

    AlipayGatewayClient(URI endpoint, java.time.Duration connectTimeout, java.time.Duration readTimeout) {
        this(endpoint, connectTimeout, readTimeout, Optional.empty());
    }

    /** @param tls the link's own TLS (GM modes), or empty for the JDK's default TLS */
    AlipayGatewayClient(URI endpoint, java.time.Duration connectTimeout, java.time.Duration readTimeout,
            Optional<LinkTls> tls) {
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
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
     *         {@code PROVIDER_ERROR} when the answer fails verification
     */
    AlipayResponse call(SignedRequest request, ResponseVerifier verifier) {
        String method = request.query().get("method");
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(endpoint + "?" + request.queryString()))
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.formBody(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ProviderException.unavailable("timeout", e);
        } catch (IOException e) {
            throw ProviderException.unavailable("network", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted", e);
        }
        if (response.statusCode() != 200) {
            // The protocol always answers 200; anything else is a proxy or an outage.
            throw ProviderException.unavailable("http-" + response.statusCode(), null);
        }
        return verifier.verify(method, response.body());
    }

    URI pageUrl(SignedRequest request) {
        return URI.create(endpoint + "?" + request.pageQueryString());
    }
}
