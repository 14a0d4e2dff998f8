package org.realname.gateway.tls.tlcp;

import java.util.List;
import java.util.Set;

/**
 * The TLCP cipher suites (GM/T 0024-2014 section 6.4.5.2, GB/T 38636-2020), by BGMProvider's names.
 *
 * <p>The {@code ECC_} suites encrypt the pre-master secret to the server's encryption certificate;
 * the {@code ECDHE_} suites run SM2 key agreement, which in TLCP is mutual: the client must present
 * its own signing and encryption certificates, so they can only be offered when client
 * certificates are required.
 */
public final class TlcpCipherSuites {

    public static final String ECC_SM4_GCM_SM3 = "ECC_SM4_GCM_SM3";
    public static final String ECC_SM4_CBC_SM3 = "ECC_SM4_CBC_SM3";
    public static final String ECDHE_SM4_GCM_SM3 = "ECDHE_SM4_GCM_SM3";
    public static final String ECDHE_SM4_CBC_SM3 = "ECDHE_SM4_CBC_SM3";

    /** Every suite the gateway accepts in configuration; anything else is refused at start. */
    public static final Set<String> KNOWN = Set.of(ECC_SM4_GCM_SM3, ECC_SM4_CBC_SM3, ECDHE_SM4_GCM_SM3, ECDHE_SM4_CBC_SM3);

    /** The defaults: the two suites that work without client certificates, GCM first. */
    public static final List<String> DEFAULT = List.of(ECC_SM4_GCM_SM3, ECC_SM4_CBC_SM3);

    private TlcpCipherSuites() {
    }

    /** Whether the suite needs a client certificate pair (TLCP's ECDHE is mutually authenticated). */
    public static boolean needsClientCertificates(String suite) {
        return suite.startsWith("ECDHE_");
    }
}
