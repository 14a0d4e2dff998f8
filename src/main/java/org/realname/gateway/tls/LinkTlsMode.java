package org.realname.gateway.tls;

/**
 * How an outbound link (the provider client) protects its connection. The seam for further GM
 * protocols: a TLCP mode is one more constant here and one more branch in {@link LinkTls#create}.
 */
public enum LinkTlsMode {
    /** The JDK's own TLS with the JVM's default trust store: the provider's ordinary HTTPS. */
    DEFAULT,
    /**
     * TLS 1.3 with {@code TLS_SM4_GCM_SM3} and {@code TLS_SM4_CCM_SM3} only (BouncyCastle JSSE),
     * trusting only the configured SM2 trust anchor, host name checked.
     */
    TLS13_SM
}
