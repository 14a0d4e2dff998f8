package org.realname.gateway.tls.tlcp;

import java.util.List;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * Vert.x's JDK engine options with the engines coming from a BGM {@code GMTLS} context: Netty's
 * {@link JdkSslContext} wraps it with protocol {@code GMTLS} only and exactly the configured suites
 * (the identity filter passes them unchanged; Netty's default filter would drop names the JDK's own
 * provider does not know). Vert.x's key, trust and suite settings are ignored on purpose: the BGM
 * context already carries the dual-certificate key manager and the SM2 trust anchors.
 */
final class TlcpSslEngineOptions extends JdkSSLEngineOptions {

    private final SSLContext context;
    private final List<String> suites;
    private final ClientAuth clientAuth;

    TlcpSslEngineOptions(SSLContext context, List<String> suites, ClientAuth clientAuth) {
        this.context = context;
        this.suites = List.copyOf(suites);
        this.clientAuth = clientAuth;
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return () -> new JdkSslContext(context, false, suites, IdentityCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, clientAuth, new String[] {TlcpProviders.PROTOCOL}, false);
    }

    /** Vert.x copies its options; the copy must keep the TLCP context or it would fall back to plain JDK TLS. */
    @Override
    public JdkSSLEngineOptions copy() {
        return new TlcpSslEngineOptions(context, suites, clientAuth);
    }
}
