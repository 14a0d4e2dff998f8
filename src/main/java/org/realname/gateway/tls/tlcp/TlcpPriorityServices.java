package org.realname.gateway.tls.tlcp;

import java.security.Provider;
import java.util.List;

/**
 * A two-service provider put first in the JVM list, the only global change TLCP makes besides
 * appending BGMProvider. Both services are BGMProvider's own classes; nothing else moves.
 *
 * <ul>
 * <li>{@code AlgorithmParameters "EC"}: BGM's fork of the JDK's {@code ECParameters}, which knows
 * every curve the JDK knows plus {@code sm2p256v1}. BGM parses certificates (its {@code PKCS12},
 * the peer's Certificate message) with the JDK's {@code CertificateFactory "X.509"}, which decodes
 * the key's curve with the first {@code AlgorithmParameters "EC"}. SunEC's does not know
 * {@code 1.2.156.10197.1.301} and, unlike key factories, algorithm parameters have no fall-back to
 * the next provider: every SM2 certificate failed with "Unknown named curve".</li>
 * <li>{@code Cipher "SM2"}: BGM's SM2 cipher, whose ciphertext is GM/T 0009's DER
 * {@code SEQUENCE {x, y, hash, ciphertext}}. BGM's TLCP key exchange asks for {@code "SM2"} by
 * name; with BouncyCastle ahead of BGM it got BC's, which emits the raw C1C2C3 bytes, and no other
 * TLCP implementation could read its ClientKeyExchange (found with gmsse, see
 * TlcpGmsseInteropTest).</li>
 * </ul>
 *
 * <p>Putting all of BouncyCastle or BGM first (the other known fixes) would also hand them every
 * other algorithm the JVM uses (pure-Java AES for standard TLS, the default {@code SSLContext},
 * {@code PKCS12}), and BGM ahead of BC would answer global {@code "SM3withSM2"} requests that pass
 * BouncyCastle's {@code SM2ParameterSpec}.
 */
final class TlcpPriorityServices extends Provider {

    static final String NAME = "RealnameTlcpPriority";
    private static final long serialVersionUID = 1L;

    TlcpPriorityServices() {
        super(NAME, "1.0", "AlgorithmParameters EC with sm2p256v1 and Cipher SM2 (GM/T 0009 DER), from BGMProvider");
        putService(new Service(this, "AlgorithmParameters", "EC", "org.openeuler.sun.security.util.ECParameters",
                List.of("1.2.840.10045.2.1", "OID.1.2.840.10045.2.1", "EllipticCurve"), null));
        putService(new Service(this, "Cipher", "SM2", "org.openeuler.SM2Cipher", null, null));
    }
}
