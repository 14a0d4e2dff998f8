package org.realname.gateway.tls;

import java.util.LinkedHashSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;

/**
 * Turns Quarkus's HTTPS port ({@code quarkus.http.ssl-port}) into the gateway's GM-capable
 * listener when {@code gateway.tls.enabled}: TLS 1.3 with {@code TLS_SM4_GCM_SM3} /
 * {@code TLS_SM4_CCM_SM3} (SM2 certificate, {@code sm2sig_sm3}, {@code curveSM2}) and standard
 * TLS 1.3/1.2 (ECDSA certificate) through BouncyCastle JSSE on the same port. Quarkus itself is
 * given no {@code quarkus.http.ssl.*} key files: the key material set here is what makes it
 * open the port at all.
 */
@ApplicationScoped
public class GmTlsListener implements HttpServerOptionsCustomizer {

    private final TlsConfig config;
    private final TlsMaterial material;

    public GmTlsListener(TlsConfig config, TlsMaterial material) {
        this.config = config;
        this.material = material;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (!config.enabled()) {
            return;
        }
        ServerTls tls = material.server();
        options.setSsl(true);
        // Vert.x insists on key material before it opens a TLS port; the engine factory below
        // uses the same key manager through the BCJSSE context.
        options.setKeyCertOptions(KeyCertOptions.wrap(tls.keyManager()));
        options.setSslEngineOptions(new BcJsseEngineOptions(tls.context(), tls.parameters()));
        options.setEnabledSecureTransportProtocols(new LinkedHashSet<>(tls.parameters().protocols()));
        options.getEnabledCipherSuites().clear();
        tls.parameters().cipherSuites().forEach(options::addEnabledCipherSuite);
    }
}
