package org.realname.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/** The SSRF guard under the production rules, with a scripted DNS, and the embedded default's rules. */
class WebhookUrlPolicyTest {

    static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "v6.example.com", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
            "internal.example.com", new String[] {"10.1.2.3"},
            "mixed.example.com", new String[] {"93.184.216.34", "127.0.0.1"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "rebind.example.com", new String[] {"::ffff:192.168.1.1"});

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] literal = DNS.get(host);
        if (literal == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException("unknown in test DNS");
        }
        InetAddress[] out = new InetAddress[literal.length];
        for (int i = 0; i < literal.length; i++) {
            out[i] = InetAddress.getByName(literal[i]);
        }
        return out;
    }

    static final WebhookUrlPolicy PRODUCTION = new WebhookUrlPolicy(new UrlRules(true, false, 2048), WebhookUrlPolicyTest::resolve);
    static final WebhookUrlPolicy EMBEDDED = new WebhookUrlPolicy(new UrlRules(false, true, 2048), host -> {
        throw new AssertionError("no DNS lookups when private addresses are allowed");
    });

    static ErrorCode refusal(WebhookUrlPolicy policy, String url) {
        return assertThrows(GatewayException.class, () -> policy.check(url), url).code();
    }

    @Test
    void publicHttpsUrl_passes_normalised() {
        assertEquals("https://hooks.example.com/rn/hook?x=1", PRODUCTION.check("HTTPS://Hooks.Example.COM/rn/hook?x=1").toString());
        assertEquals("https://v6.example.com:8443/h", PRODUCTION.check("https://v6.example.com:8443/h").toString());
        assertEquals("https://93.184.216.34/h", PRODUCTION.check("https://93.184.216.34/h").toString());
    }

    @Test
    void plainHttp_isRefusedInProduction_andAllowedOnTheEmbeddedDefault() {
        assertEquals(ErrorCode.WEBHOOK_URL_INSECURE, refusal(PRODUCTION, "http://hooks.example.com/h"));
        assertEquals("http://localhost:8080/h", EMBEDDED.check("http://localhost:8080/h").toString());
    }

    @Test
    void nonPublicAddresses_areRefusedInProduction() {
        for (String url : new String[] {"https://127.0.0.1/h", "https://127.1.2.3/h",
                "https://[::1]/h", "https://0.0.0.0/h", "https://[::]/h", "https://10.0.0.1/h", "https://172.16.5.4/h",
                "https://192.168.0.10/h", "https://169.254.169.254/latest", "https://100.64.0.1/h", "https://224.0.0.1/h",
                "https://255.255.255.255/h", "https://[fc00::1]/h", "https://[fd12:3456::1]/h", "https://[fe80::1]/h",
                "https://[ff02::1]/h", "https://[::ffff:127.0.0.1]/h", "https://[::ffff:10.0.0.1]/h",
                "https://internal.example.com/h", "https://metadata.example.com/h", "https://rebind.example.com/h"}) {
            assertEquals(ErrorCode.WEBHOOK_URL_PRIVATE_ADDRESS, refusal(PRODUCTION, url), url);
        }
    }

    @Test
    void hostWithOnePrivateAddressAmongPublicOnes_isRefused() {
        assertEquals(ErrorCode.WEBHOOK_URL_PRIVATE_ADDRESS, refusal(PRODUCTION, "https://mixed.example.com/h"));
    }

    @Test
    void unresolvableHost_isRefused() {
        assertEquals(ErrorCode.WEBHOOK_URL_INVALID, refusal(PRODUCTION, "https://nowhere.example.com/h"));
    }

    @Test
    void malformedUrls_areRefused_onEveryProfile() {
        for (WebhookUrlPolicy policy : new WebhookUrlPolicy[] {PRODUCTION, EMBEDDED}) {
            for (String url : new String[] {null, "", " ", "not a url", "/relative/path", "hooks.example.com/h",
                    "ftp://hooks.example.com/h", "javascript:alert(1)", "mailto:a@example.com", "https:///h",
                    "https://user:pass@hooks.example.com/h", "https://user@hooks.example.com/h", "https://hooks.example.com/h#frag",
                    "https://hooks.example.com/" + "a".repeat(2048)}) {
                assertEquals(ErrorCode.WEBHOOK_URL_INVALID, refusal(policy, url), String.valueOf(url));
            }
        }
    }

    @Test
    void lengthLimit_isConfigurable() {
        WebhookUrlPolicy shortUrls = new WebhookUrlPolicy(new UrlRules(false, true, 30), host -> {
            throw new AssertionError("no DNS lookups when private addresses are allowed");
        });
        assertEquals(ErrorCode.WEBHOOK_URL_INVALID, refusal(shortUrls, "http://localhost:8080/a-long-path-here"));
    }

    @Test
    void atDelivery_theHostIsResolvedAgain_andARebindToAPrivateAddressIsRefused() throws Exception {
        Map<String, String> dns = new java.util.HashMap<>(Map.of("hooks.example.com", "93.184.216.34"));
        WebhookUrlPolicy policy = new WebhookUrlPolicy(new UrlRules(true, false, 2048),
                host -> new InetAddress[] {InetAddress.getByName(dns.get(host))});
        java.net.URI url = policy.check("https://hooks.example.com/h");
        assertEquals(InetAddress.getByName("93.184.216.34"), policy.deliveryAddress(url), "connects to the address it checked");

        dns.put("hooks.example.com", "10.0.0.7");
        assertEquals(ErrorCode.WEBHOOK_URL_PRIVATE_ADDRESS,
                assertThrows(GatewayException.class, () -> policy.deliveryAddress(url)).code());
        dns.put("hooks.example.com", "::ffff:127.0.0.1");
        assertEquals(ErrorCode.WEBHOOK_URL_PRIVATE_ADDRESS,
                assertThrows(GatewayException.class, () -> policy.deliveryAddress(url)).code());
    }
}
