package org.realname.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.realname.gateway.crypto.GmProvider;

/** Reads certificates and key stores with BouncyCastle, which (unlike the JDK) parses SM2 keys. */
public final class Pem {

    private Pem() {
    }

    /** Every certificate in a PEM file; at least one. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509", GmProvider.provider());
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : cf.generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file.getFileName());
        }
        return out;
    }

    /** An in-memory trust store holding exactly the certificates of a PEM file. */
    public static KeyStore trustStore(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore store = GmProvider.keyStore("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(pemFile)) {
            store.setCertificateEntry("anchor-" + i++, c);
        }
        return store;
    }

    /** A PKCS#12 key store file, read with BouncyCastle. */
    public static KeyStore pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = GmProvider.keyStore("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
