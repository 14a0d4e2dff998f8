package org.realname.gateway.tls;

import java.util.List;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * Makes Vert.x use the gateway's BCJSSE context instead of building a SunJSSE one from key
 * files: its factory wraps the {@link SSLContext} in Netty's {@link JdkSslContext}. The key and
 * trust managers Vert.x would pass in are ignored; the context already holds them. Vert.x copies
 * engine options, so {@link #copy()} keeps the context.
 */
final class BcJsseEngineOptions extends JdkSSLEngineOptions {

    private final SSLContext context;
    private final TlsParameters parameters;

    BcJsseEngineOptions(SSLContext context, TlsParameters parameters) {
        this.context = context;
        this.parameters = parameters;
    }

    private BcJsseEngineOptions(BcJsseEngineOptions other) {
        super(other);
        this.context = other.context;
        this.parameters = other.parameters;
    }

    @Override
    public JdkSSLEngineOptions copy() {
        return new BcJsseEngineOptions(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new Factory(context, parameters);
    }

    private static final class Factory implements SslContextFactory {
        private final SSLContext context;
        private final TlsParameters parameters;
        private boolean alpn;

        Factory(SSLContext context, TlsParameters parameters) {
            this.context = context;
            this.parameters = parameters;
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            this.alpn = useAlpn;
            return this;
        }

        @Override
        public SslContext create() {
            ApplicationProtocolConfig apn = alpn
                    ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    : ApplicationProtocolConfig.DISABLED;
            return new JdkSslContext(context, false, parameters.cipherSuites(), IdentityCipherSuiteFilter.INSTANCE, apn,
                    ClientAuth.NONE, parameters.protocols().toArray(String[]::new), false);
        }
    }
}
