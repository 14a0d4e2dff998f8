package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.security.GeneralSecurityException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.realname.gateway.tls.LinkTls;
import org.realname.gateway.tls.LinkTlsMode;
import org.realname.gateway.tls.TlsStartupChecked;

/**
 * Builds the provider link's TLS once at start so a GM mode without a readable trust anchor
 * stops the start rather than the first verification. In the embedded default the anchor may be
 * the listener's generated CA, which is why this waits for {@link TlsStartupChecked}.
 */
@ApplicationScoped
class ProviderLinkTlsGuard {

    private final AlipayConfig provider;

    ProviderLinkTlsGuard(AlipayConfig provider) {
        this.provider = provider;
    }

    void onTlsChecked(@Observes TlsStartupChecked event) {
        check(provider.tls());
    }

    static void check(AlipayConfig.Tls tls) {
        if (tls.mode() == LinkTlsMode.TLCP) {
            // Checked at start by tls.tlcp.TlcpClientContexts, from its own keys.
            return;
        }
        try {
            LinkTls.create(tls.mode(), tls.trustAnchor(), tls.keyStore(), tls.keyStorePassword().orElse("").toCharArray(),
                    tls.cipherSuites());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Refusing to start: the provider link's TLS (gateway.provider.alipay.tls.*) "
                    + "cannot be set up: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
