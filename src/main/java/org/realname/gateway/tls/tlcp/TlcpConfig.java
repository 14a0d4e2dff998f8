package org.realname.gateway.tls.tlcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The TLCP (GM/T 0024-2014, GB/T 38636-2020) listener: a separate HTTPS port that serves the same
 * application as the main HTTP port over {@code GMTLS} only (docs/gm-tls.md "TLCP (GM/T 0024)
 * listener"). Off unless enabled.
 */
@ConfigMapping(prefix = "gateway.tls.tlcp")
public interface TlcpConfig {

    /** Whether the TLCP port listens at all. */
    @WithDefault("false")
    boolean enabled();

    /** The TLCP port. */
    @WithDefault("8444")
    int port();

    /** The interface to bind. */
    @WithDefault("0.0.0.0")
    String host();

    /**
     * The dual-certificate key store: {@code PKCS12} with SM2 key entries {@code sign}
     * (digitalSignature) and {@code enc} (keyEncipherment / dataEncipherment / keyAgreement, no
     * digitalSignature), each with its chain; checked at start. Required when enabled.
     */
    Optional<Path> keyStore();

    /** The password of the key store and of both keys in it. Required when enabled; from the environment in production. */
    Optional<String> keyStorePassword();

    /** PEM file of the SM2 CA certificates that client certificates must chain to. Required unless client-auth is none. */
    Optional<Path> trustAnchor();

    /**
     * The TLCP suites offered, in order of preference: {@code ECC_SM4_GCM_SM3}, {@code ECC_SM4_CBC_SM3},
     * and, only with client-auth {@code required}, {@code ECDHE_SM4_GCM_SM3}, {@code ECDHE_SM4_CBC_SM3}.
     */
    @WithDefault("ECC_SM4_GCM_SM3,ECC_SM4_CBC_SM3")
    List<String> cipherSuites();

    /** Client certificates: {@code none}, {@code request} (checked when sent) or {@code required}. */
    @WithDefault("none")
    ClientAuth clientAuth();

    /** Whether the listener asks TLCP clients for certificates. */
    enum ClientAuth {
        NONE, REQUEST, REQUIRED
    }

    /** The reasons this configuration cannot serve; empty when it can (or when the listener is off). */
    static List<String> problems(TlcpConfig config) {
        List<String> problems = new ArrayList<>();
        if (!config.enabled()) {
            return problems;
        }
        if (config.keyStore().isEmpty()) {
            problems.add("gateway.tls.tlcp.key-store is not set");
        }
        if (config.keyStorePassword().isEmpty()) {
            problems.add("gateway.tls.tlcp.key-store-password is not set");
        }
        if (config.clientAuth() != ClientAuth.NONE && config.trustAnchor().isEmpty()) {
            problems.add("gateway.tls.tlcp.trust-anchor is needed to check client certificates (client-auth "
                    + config.clientAuth().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (config.cipherSuites().isEmpty()) {
            problems.add("gateway.tls.tlcp.cipher-suites is empty");
        }
        for (String suite : config.cipherSuites()) {
            if (!TlcpCipherSuites.KNOWN.contains(suite)) {
                problems.add("gateway.tls.tlcp.cipher-suites: unknown TLCP suite " + suite);
            } else if (TlcpCipherSuites.needsClientCertificates(suite) && config.clientAuth() != ClientAuth.REQUIRED) {
                problems.add("gateway.tls.tlcp.cipher-suites: " + suite
                        + " needs client certificates in TLCP; set client-auth=required or drop it");
            }
        }
        return problems;
    }
}
