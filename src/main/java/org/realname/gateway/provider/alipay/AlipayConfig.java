package org.realname.gateway.provider.alipay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Alipay-style provider client. The embedded default points it at the built-in sandbox. */
@ConfigMapping(prefix = "gateway.provider.alipay")
public interface AlipayConfig {

    /** The provider's {@code gateway.do} URI ({@code https://openapi.alipay.com/gateway.do} in production). */
    URI endpoint();

    /** The merchant application id the provider registered ({@code app_id}). */
    String appId();

    /** The signature algorithm ({@code sign_type}); only {@code RSA2} for now. */
    @WithDefault("RSA2")
    SignType signType();

    /**
     * The merchant application's private key: a PEM (or bare base64) PKCS#8 file. Read on first
     * use, not at start, so the sandbox can generate it after the client bean exists.
     */
    Path appPrivateKeyFile();

    /**
     * The provider's public key that signs its answers: a PEM (or bare base64) X.509
     * SubjectPublicKeyInfo file. Must differ from the merchant's own key.
     */
    Path providerPublicKeyFile();

    /** How long to wait for the TCP/TLS connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long to wait for the whole answer once connected; past it the provider counts as unavailable. */
    @WithDefault("10s")
    Duration readTimeout();

    /** The {@code biz_code} sent to {@code initialize}: {@code FACE} (multi-factor face) by default. */
    @WithDefault("FACE")
    String bizCode();
}
