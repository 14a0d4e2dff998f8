package org.realname.gateway.tls;

import java.util.List;

/**
 * The per-connection settings the gateway applies to every BCJSSE engine or socket it creates.
 * Named groups and signature schemes are set here, per connection, rather than through the
 * JVM-wide {@code jdk.tls.namedGroups} / {@code jdk.tls.*.SignatureSchemes} system properties,
 * which SunJSSE reads too: the GM additions stay out of every other TLS connection in the JVM.
 *
 * @param protocols    enabled protocol versions, e.g. {@code TLSv1.3}
 * @param cipherSuites enabled suites, in preference order
 */
public record TlsParameters(List<String> protocols, List<String> cipherSuites) {

    /** {@code curveSM2} first, so a GM client's key share is used as is; then the usual curves. */
    static final String[] NAMED_GROUPS = {"curveSM2", "x25519", "secp256r1", "secp384r1"};

    /**
     * {@code sm2sig_sm3} for the ShangMi suites, ECDSA and EdDSA for standard TLS, RSA-PSS and
     * PKCS#1 only so that RSA-signed certificate chains of ordinary peers still verify.
     */
    static final String[] SIGNATURE_SCHEMES = {"sm2sig_sm3", "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384",
        "ed25519", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_pss_sha256", "rsa_pkcs1_sha256",
        "rsa_pkcs1_sha384"};

    public TlsParameters {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** TLS 1.3 with the two ShangMi suites only. */
    public static TlsParameters tls13ShangMi() {
        return new TlsParameters(List.of("TLSv1.3"), List.of(TlsPolicy.TLS_SM4_GCM_SM3, TlsPolicy.TLS_SM4_CCM_SM3));
    }
}
