package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.realname.gateway.provider.ProviderException;

/**
 * The wire: signs a call, POSTs it to {@code gateway.do} and verifies the answer. Package-private;
 * {@link AlipayProvider} is the public facade. Nothing here logs a request or answer body: both
 * carry names and ID numbers.
 */
final class AlipayGatewayClient {

    private final URI endpoint;
    private final HttpClient http;
    private final java.time.Duration readTimeout;

    /**
     * @param tls sets the link's TLS (context, parameters, HTTP version) on the builder; identity
     *        for the JDK's default TLS. TLCP wiring (branch tlcp): the merger replaces this with the
     *        mode switch's SSLContext factory seam.
     */
    AlipayGatewayClient(URI endpoint, java.time.Duration connectTimeout, java.time.Duration readTimeout,
            java.util.function.UnaryOperator<HttpClient.Builder> tls) {
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
        this.http = tls.apply(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER))
                .build();
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
