package org.realname.gateway.tls.tlcp;

import java.security.Provider;
import java.util.List;

/**
 * A one-service provider put first in the JVM list so the JDK's own X.509 code can read SM2
 * certificates: {@code AlgorithmParameters "EC"} backed by BGMProvider's fork of the JDK's
 * {@code ECParameters}, which knows every curve the JDK knows plus {@code sm2p256v1}.
 *
 * <p>Why it is needed: BGM's TLCP code parses certificates (its {@code PKCS12} store, the peer's
 * certificate messages) with the JDK's {@code CertificateFactory "X.509"}, which decodes the key's
 * curve with the first {@code AlgorithmParameters "EC"} in the list. SunEC's does not know
 * {@code 1.2.156.10197.1.301} and, unlike key factories, algorithm parameters have no fall-back to
 * the next provider, so with BouncyCastle and BGM appended last every SM2 certificate failed with
 * "Unknown named curve". Putting all of BouncyCastle or BGM first (the other known fix) would also
 * hand them every other algorithm the JVM uses (pure-Java AES for standard TLS, the default
 * {@code SSLContext}, {@code PKCS12}); this provider changes the one service and nothing else.
 */
final class SmCurveParameters extends Provider {

    static final String NAME = "RealnameSmCurves";
    private static final long serialVersionUID = 1L;

    SmCurveParameters() {
        super(NAME, "1.0", "AlgorithmParameters EC with sm2p256v1 (BGMProvider's ECParameters), for SM2 certificates");
        putService(new Service(this, "AlgorithmParameters", "EC", "org.openeuler.sun.security.util.ECParameters",
                List.of("1.2.840.10045.2.1", "OID.1.2.840.10045.2.1", "EllipticCurve"), null));
    }
}
