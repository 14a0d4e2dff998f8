package org.realname.gateway.tls.tlcp;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * Builds BGM {@code GMTLS} contexts and the parameters that narrow them to TLCP. A {@code GMTLS}
 * context of BGMProvider also enables TLS 1.3/1.2 and every international suite by default, so
 * every engine or socket made from it must get {@link #parameters} (protocol {@code GMTLS} only,
 * the configured suites only).
 */
public final class TlcpContexts {

    private TlcpContexts() {
    }

    /** A {@code GMTLS} context; {@code keyManagers} may be null for a client without certificates. */
    public static SSLContext context(KeyManager[] keyManagers, TrustManager[] trustManagers) {
        try {
            SSLContext context = SSLContext.getInstance(TlcpProviders.PROTOCOL, TlcpProviders.provider());
            context.init(keyManagers, trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the TLCP context could not be built (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** TLCP only, exactly {@code suites}, in that order of preference. */
    public static SSLParameters parameters(List<String> suites) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {TlcpProviders.PROTOCOL});
        parameters.setCipherSuites(suites.toArray(String[]::new));
        return parameters;
    }
}
