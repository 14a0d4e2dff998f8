package org.realname.gateway.provider.alipay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.realname.gateway.tls.LinkTlsMode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Alipay-style provider client. The embedded default points it at the built-in sandbox. */
@ConfigMapping(prefix = "gateway.provider.alipay")
public interface AlipayConfig {

    /** The provider's {@code gateway.do} URI ({@code https://openapi.alipay.com/gateway.do} in production). */
    URI endpoint();

    /** The merchant application id the provider registered ({@code app_id}). */
    String appId();

    /**
     * The signature algorithm ({@code sign_type}): {@code RSA2} (SHA256withRSA) or {@code SM2}
     * (SM3withSM2, user ID {@code 1234567812345678}). Both key files must hold keys of this type;
     * the embedded default picks the sandbox's files for it by interpolation.
     */
    @WithDefault("RSA2")
    SignType signType();

    /**
     * The merchant application's private key of the configured {@link #signType()}: a PEM (or bare
     * base64) PKCS#8 file (RSA of at least 2048 bits, or EC on {@code sm2p256v1}). Read on first
     * use, not at start, so the sandbox can generate it after the client bean exists.
     */
    Path appPrivateKeyFile();

    /**
     * The provider's public key of the configured {@link #signType()} that verifies its answers:
     * a PEM (or bare base64) X.509 SubjectPublicKeyInfo file. Must differ from the merchant's own key.
     */
    Path providerPublicKeyFile();

    /** How long to wait for the TCP/TLS connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long to wait for the whole answer, headers and body, once sent; past it the provider counts as unavailable. */
    @WithDefault("10s")
    Duration readTimeout();

    /**
     * The longest answer read from the provider, in bytes; a longer one is refused as
     * {@code malformed-response} without reading the rest. Real answers are well under 10 KiB.
     */
    @WithDefault("1048576")
    int maxResponseBytes();

    /** The {@code biz_code} sent to {@code initialize}: {@code FACE} (multi-factor face) by default. */
    @WithDefault("FACE")
    String bizCode();

    /** TLS of the link to the provider (docs/gm-tls.md, "Provider link"). */
    Tls tls();

    /** The provider link's TLS. */
    interface Tls {

        /** {@code default} (JDK TLS, system trust store) or {@code tls13-sm} (TLS 1.3 ShangMi suites only). */
        @WithDefault("default")
        LinkTlsMode mode();

        /** PEM file with the SM2 CA certificate(s) the provider's certificate must chain to (GM modes). */
        Optional<Path> trustAnchor();

        /** Optional PKCS#12 with the gateway's SM2 client key (alias {@code sign}), sent when the provider asks. */
        Optional<Path> keyStore();

        /** Password of {@link #keyStore()}. */
        Optional<String> keyStorePassword();

        /** The ShangMi suites offered in {@code tls13-sm} mode, in order of preference. */
        @WithDefault("TLS_SM4_GCM_SM3,TLS_SM4_CCM_SM3")
        java.util.List<String> cipherSuites();
    }
}
