package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.realname.gateway.provider.alipay.AlipayConfig;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.PersonalValues;
import org.realname.gateway.support.TestIds;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * One complete verification with every hop over TLCP: the platform (token, create, status) and the
 * browser (link, consent page, consent, the sandbox's certify and face pages, the return) talk to
 * the TLCP port only, and the gateway's provider client calls the sandbox's {@code gateway.do} on
 * that same port ({@code gateway.provider.alipay.tls.mode=tlcp}), where nothing but TLCP listens.
 */
@QuarkusTest
@TestProfile(TlcpProfile.class)
class TlcpVerificationFlowTest {

    static final String BASE = TlcpProfile.BASE;
    static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(rules_version|rules_digest)\" value=\"([^\"]*)\">");

    @Inject
    AlipayConfig alipay;

    final HttpClient client = TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_GCM_SM3),
            TlcpTestCertificates.shared().caPem(), null);

    @Test
    void signup_passes_withEveryHopOverTlcp() throws Exception {
        assertTrue(alipay.endpoint().toString().startsWith(BASE + "/sandbox/"), "the provider link targets the TLCP port");
        String platform = TlcpTestClients.token(client, BASE, "platform");
        String name = "张三";
        String id = TestIds.random();
        PersonalValues.remember(name);
        PersonalValues.remember(id);
        String body = "{\"account_id\":\"" + TestIds.randomAccount() + "\",\"purpose\":\"SIGNUP\",\"return_url\":\"" + BASE
                + Api.DEMO_RETURN + "\",\"name\":\"" + name + "\",\"id_number\":\"" + id + "\"}";

        HttpResponse<String> created = TlcpTestClients.postJson(client, BASE + "/api/v1/verifications", platform, body);
        assertEquals(201, created.statusCode(), created.body());
        var json = new ObjectMapper().readTree(created.body());
        String verification = json.get("id").asText();
        String link = json.get("redirect_url").asText();
        assertTrue(link.startsWith(BASE), link);

        // The browser: the one-time link sets the binding cookie and sends it to the consent page.
        HttpResponse<String> opened = send(get(link), null);
        assertEquals(303, opened.statusCode());
        String cookie = opened.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Api.BINDING_COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
        String page = absolute(opened.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> consentPage = send(get(page), cookie);
        assertEquals(200, consentPage.statusCode());
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(consentPage.body());
        while (m.find()) {
            form.put(m.group(1), m.group(2));
        }
        form.put("consent", "on");

        // Consent: the gateway calls initialize at the sandbox over TLCP and sends the browser there.
        HttpResponse<String> consented = send(post(page + "/consent", form), cookie);
        assertEquals(302, consented.statusCode(), consented.body());
        String certifyUrl = consented.headers().firstValue("Location").orElseThrow();
        assertTrue(certifyUrl.startsWith(BASE + "/sandbox/gateway.do"), certifyUrl);

        HttpResponse<String> certify = send(get(certifyUrl), null);
        assertEquals(302, certify.statusCode());
        String facePage = absolute(certify.headers().firstValue("Location").orElseThrow());
        String certifyId = Api.query(URI.create(facePage), "certify_id");
        assertNotNull(certifyId, facePage);
        assertEquals(200, send(get(facePage), null).statusCode());
        HttpResponse<String> face = send(post(BASE + "/sandbox/face", Map.of("certify_id", certifyId, "outcome", "pass")), null);
        assertEquals(302, face.statusCode());

        // The return: the gateway queries the sandbox over TLCP and sends the browser to the platform.
        String returnUrl = face.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> back = send(get(absolute(URI.create(returnUrl).getPath() + "?" + URI.create(returnUrl).getRawQuery())), cookie);
        assertEquals(302, back.statusCode(), back.body());
        Api.assertRedirectStatus(back.headers().firstValue("Location").orElseThrow(), verification, "PASSED");

        HttpResponse<String> status = TlcpTestClients.get(client, BASE + "/api/v1/verifications/" + verification, platform);
        assertEquals(200, status.statusCode());
        assertEquals("PASSED", new ObjectMapper().readTree(status.body()).get("status").asText());
        assertEquals("GMTLS", status.sslSession().orElseThrow().getProtocol());
    }

    static String absolute(String location) {
        return location.startsWith("http") ? location : BASE + location;
    }

    static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    static HttpRequest.Builder post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> send(HttpRequest.Builder request, String cookie) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
