package org.realname.gateway.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The HTTPS listener ({@code quarkus.http.ssl-port}): TLS 1.3 with the RFC 8998 ShangMi suites
 * for GM clients and standard TLS 1.3/1.2 for everyone else, on one port (docs/gm-tls.md).
 */
@ConfigMapping(prefix = "gateway.tls")
public interface TlsConfig {

    /** Serve HTTPS on {@code quarkus.http.ssl-port}. Off: no HTTPS listener at all. */
    @WithDefault("false")
    boolean enabled();

    /** Folder of the development material ({@code ${gateway.data-dir}/tls} in the embedded default). */
    Path dir();

    /**
     * Make the development CA and certificates in {@link #dir()} when they are absent (embedded
     * default only; production refuses to start without its own files).
     */
    @WithDefault("false")
    boolean generateIfMissing();

    /** Extra host names or addresses for generated server certificates, beside localhost and 127.0.0.1. */
    Optional<List<String>> serverNames();

    /** Password of the key stores below (PKCS#12). From the environment in production. */
    Optional<String> keyStorePassword();

    /**
     * PKCS#12 with the SM2 server signing key and its chain, served to clients offering
     * {@code sm2sig_sm3}. Absent: no ShangMi suites.
     */
    Optional<Path> sm2KeyStore();

    /** Alias of the SM2 key in {@link #sm2KeyStore()}. */
    @WithDefault("sign")
    String sm2KeyAlias();

    /** PKCS#12 with an ECDSA (P-256) server key and its chain, for standard TLS. Absent: GM clients only. */
    Optional<Path> ecdsaKeyStore();

    /** Alias of the ECDSA key in {@link #ecdsaKeyStore()}. */
    @WithDefault("server")
    String ecdsaKeyAlias();

    /** Enabled protocols; only TLSv1.3 and TLSv1.2 are accepted (the gateway refuses to start otherwise). */
    @WithDefault("TLSv1.3,TLSv1.2")
    List<String> protocols();

    /**
     * Enabled suites, in the server's order of preference; TLS 1.3 suites and TLS 1.2 ECDHE with
     * AES-GCM or ChaCha20-Poly1305 only (anything else refuses the start).
     */
    @WithDefault("TLS_SM4_GCM_SM3,TLS_SM4_CCM_SM3,TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,"
            + "TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
            + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")
    List<String> cipherSuites();
}
