package org.realname.gateway.tls.tlcp;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with the TLCP listener on (client certificates not asked for, the two ECC suites) and
 * every hop over TLCP: the public base URL is the TLCP port, so the platform's and the browser's
 * links point there, and the provider link ({@code gateway.provider.alipay.tls.mode=tlcp}) calls
 * the built-in sandbox on that port.
 */
public final class TlcpProfile implements QuarkusTestProfile {

    public static final int PORT = 18444;
    public static final String BASE = "https://localhost:" + PORT;

    @Override
    public Map<String, String> getConfigOverrides() {
        TlcpTestCertificates certs = TlcpTestCertificates.shared();
        Map<String, String> config = new HashMap<>();
        config.put("gateway.tls.tlcp.enabled", "true");
        config.put("gateway.tls.tlcp.port", String.valueOf(PORT));
        config.put("gateway.tls.tlcp.host", "localhost");
        config.put("gateway.tls.tlcp.key-store", certs.serverStore().toString());
        config.put("gateway.tls.tlcp.key-store-password", TlcpTestCertificates.PASSWORD);
        config.put("gateway.tls.tlcp.client-auth", "none");
        config.put("gateway.public-base-url", BASE);
        config.put("%test.gateway.public-base-url", BASE);
        config.put("gateway.provider.alipay.tls.mode", TlcpClientContexts.MODE);
        config.put("gateway.provider.alipay.tls.tlcp.trust-anchor", certs.caPem().toString());
        return config;
    }
}
