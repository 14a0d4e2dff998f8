package org.realname.gateway.tls;

import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;

/**
 * A BCJSSE {@link SSLContext} whose every engine and socket comes out configured with the
 * gateway's {@link TlsParameters}, named groups and signature schemes. Netty's
 * {@code JdkSslContext} and the JDK {@code HttpClient} only ever call {@code createSSLEngine()}
 * and {@code getDefaultSSLParameters()}, so wrapping the context is the one place that reaches
 * both without JVM-wide system properties.
 *
 * <p>The JDK {@code HttpClient} overwrites protocols and suites with its own
 * {@code SSLParameters} after creating the engine; on JDK 17 those carry no named groups or
 * signature schemes, so BCJSSE keeps the ones set here. Client sockets from
 * {@link #getSocketFactory()} are configured the same way; server sockets are not (configure
 * each accepted socket with {@link #configure(SSLSocket, TlsParameters)}). The default parameters answered here
 * carry the configured protocols and suites, so a client built without explicit parameters still
 * offers them.
 */
public final class ConfiguredSslContext extends SSLContext {

    private ConfiguredSslContext(Spi spi, SSLContext delegate) {
        super(spi, delegate.getProvider(), delegate.getProtocol());
    }

    /** Wraps an initialised BCJSSE context. */
    public static SSLContext wrap(SSLContext bcContext, TlsParameters parameters) {
        return new ConfiguredSslContext(new Spi(bcContext, parameters), bcContext);
    }

    /** Applies the parameters to an engine of BCJSSE. */
    static void configure(SSLEngine engine, TlsParameters parameters) {
        BCSSLEngine bc = (BCSSLEngine) engine;
        bc.setParameters(merge(bc.getParameters(), parameters));
    }

    /** Applies the parameters to a socket of BCJSSE (tests and benchmarks use sockets). */
    public static void configure(SSLSocket socket, TlsParameters parameters) {
        BCSSLSocket bc = (BCSSLSocket) socket;
        bc.setParameters(merge(bc.getParameters(), parameters));
    }

    private static BCSSLParameters merge(BCSSLParameters p, TlsParameters parameters) {
        p.setProtocols(parameters.protocols().toArray(String[]::new));
        p.setCipherSuites(parameters.cipherSuites().toArray(String[]::new));
        p.setNamedGroups(TlsParameters.NAMED_GROUPS);
        p.setSignatureSchemes(TlsParameters.SIGNATURE_SCHEMES);
        // Certificate chains are checked against this list too: without sm2sig_sm3 here an
        // SM3withSM2-signed chain fails with "Unable to find certificate chain".
        p.setSignatureSchemesCert(TlsParameters.SIGNATURE_SCHEMES);
        // The server's order wins: the ShangMi suites first when a client offers them.
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final TlsParameters parameters;

        Spi(SSLContext delegate, TlsParameters parameters) {
            this.delegate = delegate;
            this.parameters = parameters;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new ConfiguringSocketFactory(delegate.getSocketFactory(), parameters);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine engine = delegate.createSSLEngine();
            configure(engine, parameters);
            return engine;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = delegate.createSSLEngine(host, port);
            configure(engine, parameters);
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters p = delegate.getDefaultSSLParameters();
            p.setProtocols(parameters.protocols().toArray(String[]::new));
            p.setCipherSuites(parameters.cipherSuites().toArray(String[]::new));
            p.setUseCipherSuitesOrder(true);
            return p;
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    /** Client sockets configured like the engines. */
    private static final class ConfiguringSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final TlsParameters parameters;

        ConfiguringSocketFactory(SSLSocketFactory delegate, TlsParameters parameters) {
            this.delegate = delegate;
            this.parameters = parameters;
        }

        private java.net.Socket configured(java.net.Socket socket) {
            configure((SSLSocket) socket, parameters);
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return parameters.cipherSuites().toArray(String[]::new);
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            return configured(delegate.createSocket());
        }

        @Override
        public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose) throws java.io.IOException {
            return configured(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return configured(delegate.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort)
                throws java.io.IOException {
            return configured(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return configured(delegate.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                int localPort) throws java.io.IOException {
            return configured(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
