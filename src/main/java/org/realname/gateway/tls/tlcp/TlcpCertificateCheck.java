package org.realname.gateway.tls.tlcp;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Checks that a TLCP key store holds what GM/T 0024 needs before a listener or client uses it:
 * two SM2 key entries, {@code sign} (the signing certificate: digitalSignature) and {@code enc}
 * (the encryption certificate: keyEncipherment, dataEncipherment or keyAgreement, and never
 * digitalSignature), both certificates signed SM3withSM2.
 *
 * <p>Why so strict: BGMProvider tells the two certificates apart by key usage alone. An encryption
 * certificate that may also sign is taken for a signing certificate, and the handshake then fails
 * for every client with an opaque alert; refusing at start names the actual problem. The messages
 * name the alias and the rule, never key material.
 */
public final class TlcpCertificateCheck {

    public static final String SIGN_ALIAS = "sign";
    public static final String ENC_ALIAS = "enc";
    /** SM3withSM2 (GM/T 0006). */
    public static final String SM3_WITH_SM2_OID = GMObjectIdentifiers.sm2sign_with_sm3.getId();

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int DATA_ENCIPHERMENT = 3;
    private static final int KEY_AGREEMENT = 4;

    private TlcpCertificateCheck() {
    }

    /** The reasons the key store is unfit for TLCP; empty when it is fit. */
    public static List<String> problems(KeyStore store) {
        List<String> problems = new ArrayList<>();
        try {
            checkEntry(store, SIGN_ALIAS, true, problems);
            checkEntry(store, ENC_ALIAS, false, problems);
        } catch (KeyStoreException e) {
            problems.add("the key store could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return problems;
    }

    private static void checkEntry(KeyStore store, String alias, boolean signing, List<String> problems)
            throws KeyStoreException {
        if (!store.isKeyEntry(alias)) {
            problems.add("no key entry '" + alias + "' (TLCP needs a signing key 'sign' and an encryption key 'enc')");
            return;
        }
        Certificate cert = store.getCertificate(alias);
        if (!(cert instanceof X509Certificate x509)) {
            problems.add("key entry '" + alias + "' has no X.509 certificate");
            return;
        }
        if (!SM3_WITH_SM2_OID.equals(x509.getSigAlgOID())) {
            problems.add("certificate '" + alias + "' is signed " + x509.getSigAlgName() + ", TLCP needs SM3withSM2");
        }
        if (!isSm2Key(x509)) {
            problems.add("certificate '" + alias + "' does not carry an SM2 (sm2p256v1) public key");
        }
        boolean[] usage = x509.getKeyUsage();
        if (usage == null) {
            problems.add("certificate '" + alias + "' has no keyUsage extension; TLCP tells the two certificates apart by it");
            return;
        }
        if (signing && !usage[DIGITAL_SIGNATURE]) {
            problems.add("signing certificate '" + alias + "' lacks keyUsage digitalSignature");
        }
        if (!signing) {
            if (usage[DIGITAL_SIGNATURE]) {
                problems.add("encryption certificate '" + alias + "' must not have keyUsage digitalSignature");
            }
            if (!(usage[KEY_ENCIPHERMENT] || usage[DATA_ENCIPHERMENT] || usage[KEY_AGREEMENT])) {
                problems.add("encryption certificate '" + alias
                        + "' needs keyUsage keyEncipherment, dataEncipherment or keyAgreement");
            }
        }
    }

    private static boolean isSm2Key(X509Certificate cert) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
        ASN1Encodable curve = info.getAlgorithm().getParameters();
        return X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                && GMObjectIdentifiers.sm2p256v1.equals(curve);
    }
}
