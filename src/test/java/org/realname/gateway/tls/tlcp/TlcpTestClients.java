package org.realname.gateway.tls.tlcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** BGM TLCP clients for the tests: the JDK {@code HttpClient} over a {@code GMTLS} context, HTTP/1.1. */
final class TlcpTestClients {

    private TlcpTestClients() {
    }

    /** A client trusting {@code anchor}, offering {@code suites}, presenting {@code keyStore}'s pair if given. */
    static HttpClient http(List<String> suites, Path anchor, Path keyStore) {
        KeyManager[] keyManagers = null;
        if (keyStore != null) {
            char[] password = TlcpTestCertificates.PASSWORD.toCharArray();
            KeyStore store = TlcpKeyMaterial.keyStore(keyStore, password);
            keyManagers = TlcpKeyMaterial.keyManagers(store, password);
        }
        SSLContext context = TlcpContexts.context(keyManagers, TlcpKeyMaterial.trustManagers(anchor));
        SSLParameters parameters = TlcpContexts.parameters(suites);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient client, String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> postJson(HttpClient client, String url, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A development token over TLCP. */
    static String token(HttpClient client, String base, String role) throws Exception {
        HttpResponse<String> r = postJson(client, base + "/dev/tokens", null,
                "{\"role\":\"" + role + "\",\"subject\":\"" + role + "-client\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("token: " + r.statusCode());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("access_token").asText();
    }
}
