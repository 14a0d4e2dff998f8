package org.realname.gateway.tls;

/**
 * How an outbound link (the provider client) protects its connection. The seam for further GM
 * protocols: {@link #TLCP} is built by the TLCP package, the others by {@link LinkTls#create}.
 */
public enum LinkTlsMode {
    /** The JDK's own TLS with the JVM's default trust store: the provider's ordinary HTTPS. */
    DEFAULT,
    /**
     * TLS 1.3 with {@code TLS_SM4_GCM_SM3} and {@code TLS_SM4_CCM_SM3} only (BouncyCastle JSSE),
     * trusting only the configured SM2 trust anchor, host name checked.
     */
    TLS13_SM,
    /**
     * TLCP (GM/T 0024) through BGMProvider, HTTP/1.1, trusting only its own SM2 anchor, host name
     * checked: built by {@code tls.tlcp.TlcpClientContexts} from {@code gateway.provider.alipay.tls.tlcp.*}.
     */
    TLCP
}
