package org.realname.gateway.tls.tlcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider link over TLCP, used when {@code gateway.provider.alipay.tls.mode=tlcp}
 * (docs/gm-tls.md "TLCP provider link"). Its own prefix under the provider's TLS settings, so it
 * never collides with the other modes' keys.
 */
@ConfigMapping(prefix = "gateway.provider.alipay.tls.tlcp")
public interface TlcpClientConfig {

    /**
     * PEM file of the SM2 CA certificates the provider's certificates must chain to. Required: the
     * JDK's default trust store holds no SM2 CA.
     */
    Optional<Path> trustAnchor();

    /**
     * The gateway's own dual-certificate key store ({@code PKCS12}, aliases {@code sign} and
     * {@code enc}), presented when the provider asks; needed for the {@code ECDHE_} suites.
     */
    Optional<Path> keyStore();

    /** The key store's password (and its keys'); from the environment in production. */
    Optional<String> keyStorePassword();

    /** The suites offered, in order of preference; {@code ECDHE_} ones only with a key store. */
    @WithDefault("ECC_SM4_GCM_SM3,ECC_SM4_CBC_SM3")
    List<String> cipherSuites();

    /** The reasons this configuration cannot connect; empty when it can. */
    static List<String> problems(TlcpClientConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.trustAnchor().isEmpty()) {
            problems.add("gateway.provider.alipay.tls.tlcp.trust-anchor is not set");
        }
        if (config.keyStore().isPresent() && config.keyStorePassword().isEmpty()) {
            problems.add("gateway.provider.alipay.tls.tlcp.key-store-password is not set");
        }
        if (config.cipherSuites().isEmpty()) {
            problems.add("gateway.provider.alipay.tls.tlcp.cipher-suites is empty");
        }
        for (String suite : config.cipherSuites()) {
            if (!TlcpCipherSuites.KNOWN.contains(suite)) {
                problems.add("gateway.provider.alipay.tls.tlcp.cipher-suites: unknown TLCP suite " + suite);
            } else if (TlcpCipherSuites.needsClientCertificates(suite) && config.keyStore().isEmpty()) {
                problems.add("gateway.provider.alipay.tls.tlcp.cipher-suites: " + suite
                        + " needs the gateway's own certificate pair (key-store)");
            }
        }
        return problems;
    }
}
