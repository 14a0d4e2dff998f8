package org.realname.gateway.tls.certs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.realname.gateway.crypto.GmProvider;

/**
 * Issues X.509 v3 certificates with BouncyCastle: a CA signs with {@code SM3withSM2} (SM2 key,
 * OID 1.2.156.10197.1.501, default SM2 user ID {@code 1234567812345678}) or
 * {@code SHA256withECDSA}, chosen from the issuer's own algorithm. Every certificate gets a random
 * 128-bit serial, subject and authority key identifiers, and the key usage of its {@link KeyUse}
 * marked critical.
 */
final class CertificateIssuer {

    /** Role of an end-entity certificate in the handshake (extended key usage). */
    enum Party { SERVER, CLIENT }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Instant notBefore;
    private final Duration validity;

    CertificateIssuer(Instant now, Duration validity) {
        // An hour back: tolerate a peer whose clock is a little behind ours.
        this.notBefore = now.minus(Duration.ofHours(1));
        this.validity = validity;
    }

    /** A self-signed CA certificate for {@code keys}. */
    X509Certificate selfSignedCa(String subject, KeyPair keys, String signatureAlgorithm) throws GeneralSecurityException {
        X500Principal name = new X500Principal(subject);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(name, name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, KeyUse.CA.keyUsage())
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
            return sign(b, keys.getPrivate(), signatureAlgorithm);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("CA certificate extensions", e);
        }
    }

    /**
     * An end-entity certificate for {@code subjectKey}, signed by the CA. {@code names} become
     * DNS or IP subject alternative names (IP when the name is an address literal).
     */
    X509Certificate endEntity(String subject, java.security.PublicKey subjectKey, KeyUse use, Party party,
            List<String> names, X509Certificate ca, PrivateKey caKey, String signatureAlgorithm) throws GeneralSecurityException {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(ca.getSubjectX500Principal(), new X500Principal(subject), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, use.keyUsage())
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            party == Party.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            return sign(b, caKey, signatureAlgorithm);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("certificate extensions", e);
        }
    }

    private X509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, java.security.PublicKey key) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, RANDOM).setBit(127),
                Date.from(notBefore), Date.from(notBefore.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, String algorithm)
            throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder(algorithm).setProvider(GmProvider.provider()).build(key);
            return new JcaX509CertificateConverter().setProvider(GmProvider.provider()).getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + algorithm, e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            out.add(isAddressLiteral(name) ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    /** True for IPv4 dotted quads and bracket-less IPv6 literals; never resolves a host name. */
    static boolean isAddressLiteral(String name) {
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":")) {
            try {
                InetAddress.getByName(name); // a literal: parsed, no DNS lookup
                return true;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
