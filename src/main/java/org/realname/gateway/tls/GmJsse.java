package org.realname.gateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.realname.gateway.crypto.GmProvider;

/**
 * BouncyCastle JSSE on top of {@link GmProvider}'s BouncyCastle instance. The JSSE provider is
 * never registered in the JVM list: every context is asked for by provider object, so the JDK's
 * own SunJSSE stays the default for every other TLS connection (OIDC discovery, JDBC, webhooks).
 */
public final class GmJsse {

    private GmJsse() {
    }

    private static final class Holder {
        static final Provider INSTANCE = new BouncyCastleJsseProvider(GmProvider.provider());
    }

    /** The unregistered BouncyCastle JSSE provider. */
    public static Provider provider() {
        return Holder.INSTANCE;
    }

    /** A raw BCJSSE {@code SSLContext} initialised with the given managers (null = none). */
    static SSLContext rawContext(KeyManager[] keyManagers, TrustManager[] trustManagers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS", provider());
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    /** BCJSSE PKIX trust managers that accept exactly the anchors in {@code trustStore}. */
    public static TrustManager[] trustManagers(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", provider());
        tmf.init(trustStore);
        return tmf.getTrustManagers();
    }
}
