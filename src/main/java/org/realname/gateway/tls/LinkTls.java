package org.realname.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The TLS of one outbound link, ready for a JDK {@code HttpClient}
 * ({@code builder.sslContext(context()).sslParameters(parameters())}, HTTP/1.1).
 *
 * @param context    a configured BCJSSE context
 * @param parameters protocols and suites to offer, endpoint identification {@code HTTPS}
 */
public record LinkTls(SSLContext context, SSLParameters parameters) {

    /**
     * The link's TLS for {@code mode}, or empty for {@link LinkTlsMode#DEFAULT} (the client keeps
     * the JDK's own).
     *
     * @param trustAnchor PEM file with the CA certificates to trust (required for GM modes)
     * @param keyStore    optional PKCS#12 with the client's SM2 signing key (alias {@code sign}),
     *                    presented only when a server asks for a client certificate
     * @param suites      the ShangMi suites to offer, in order (both by default)
     */
    public static Optional<LinkTls> create(LinkTlsMode mode, Optional<Path> trustAnchor, Optional<Path> keyStore,
            char[] keyStorePassword, List<String> suites) throws IOException, GeneralSecurityException {
        if (mode == LinkTlsMode.DEFAULT) {
            return Optional.empty();
        }
        if (mode == LinkTlsMode.TLCP) {
            throw new GeneralSecurityException("TLCP links are built by TlcpClientContexts (gateway.provider.alipay.tls.tlcp.*)");
        }
        Path anchor = trustAnchor.orElseThrow(() -> new GeneralSecurityException(
                "the provider link mode " + mode + " needs a trust anchor (gateway.provider.alipay.tls.trust-anchor)"));
        KeyManager[] keyManagers = null;
        if (keyStore.isPresent()) {
            KeyEntry sign = KeyEntry.from(Pem.pkcs12(keyStore.get(), keyStorePassword), "sign", keyStorePassword);
            keyManagers = new KeyManager[] {new DualKeyManager(sign, null)};
        }
        if (suites.isEmpty() || !suites.stream().allMatch(TlsPolicy::isShangMi)) {
            throw new GeneralSecurityException("the provider link mode " + mode
                    + " offers only TLS_SM4_GCM_SM3 and TLS_SM4_CCM_SM3 (gateway.provider.alipay.tls.cipher-suites)");
        }
        TlsParameters tls = new TlsParameters(List.of("TLSv1.3"), suites);
        SSLContext context = ConfiguredSslContext.wrap(
                GmJsse.rawContext(keyManagers, GmJsse.trustManagers(Pem.trustStore(anchor))), tls);
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return Optional.of(new LinkTls(context, parameters));
    }
}
