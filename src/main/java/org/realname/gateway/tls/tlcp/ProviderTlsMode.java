package org.realname.gateway.tls.tlcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code gateway.provider.alipay.tls.mode}, the provider link's TLS mode: {@code default} (the JDK's
 * TLS), {@code tls13-sm} (TLS 1.3 with the RFC 8998 suites, built on branch tls13) or {@code tlcp}
 * ({@link TlcpClientContexts}). Branch tlcp maps the key only to read {@code tlcp}; the merger keeps
 * one mapping of it, beside the mode switch.
 */
@ConfigMapping(prefix = "gateway.provider.alipay.tls")
public interface ProviderTlsMode {

    @WithDefault("default")
    String mode();
}
