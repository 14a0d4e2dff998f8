package org.realname.gateway.tls.tlcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads TLCP key material for BGMProvider: the dual-certificate {@code PKCS12} key store (aliases
 * {@code sign} and {@code enc}, checked by {@link TlcpCertificateCheck}) and a PEM file of SM2 trust
 * anchors. Failures are {@link IllegalStateException}s whose message names the file and the
 * problem, never a password or key bytes: they stop the gateway at start.
 */
public final class TlcpKeyMaterial {

    /** BGM's key manager: it picks the signing and the encryption key of one store by key usage. */
    private static final String KEY_MANAGER = "NewSunX509";
    private static final String TRUST_MANAGER = "PKIX";

    private TlcpKeyMaterial() {
    }

    /** The dual-certificate key store, loaded and checked. */
    public static KeyStore keyStore(Path file, char[] password) {
        KeyStore store = keyStoreUnchecked(file, password);
        List<String> problems = TlcpCertificateCheck.problems(store);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("TLCP key store " + file + " is unfit: " + String.join("; ", problems));
        }
        return store;
    }

    /** The key store as loaded by BGM, not checked yet. */
    static KeyStore keyStoreUnchecked(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12", TlcpProviders.provider());
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLCP key store " + file + " could not be loaded ("
                    + e.getClass().getSimpleName() + "): check the file and its key-store-password", e);
        }
    }

    /** BGM key managers over a checked key store. */
    public static KeyManager[] keyManagers(KeyStore store, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KEY_MANAGER, TlcpProviders.provider());
            kmf.init(store, password);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLCP key managers could not be built (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** BGM trust managers that accept chains ending at one of the PEM file's certificates. */
    public static TrustManager[] trustManagers(Path pemAnchors) {
        // Registered first: the JDK's X.509 parser reads SM2 keys only through TlcpPriorityServices.
        java.security.Provider bgm = TlcpProviders.provider();
        try (InputStream in = Files.newInputStream(pemAnchors)) {
            Collection<? extends Certificate> anchors = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (anchors.isEmpty()) {
                throw new IllegalStateException("TLCP trust anchor file " + pemAnchors + " holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance("PKCS12", bgm);
            trust.load(null, null);
            List<Certificate> list = new ArrayList<>(anchors);
            for (int i = 0; i < list.size(); i++) {
                trust.setCertificateEntry("anchor-" + i, list.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TRUST_MANAGER, bgm);
            tmf.init(trust);
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLCP trust anchor file " + pemAnchors + " could not be loaded ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
