package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.realname.gateway.tls.LinkTlsMode;

/** The provider link's TLS, checked at start once the listener's TLS is (issue 15 moved it here). */
class ProviderLinkTlsGuardTest {

    private record Tls(LinkTlsMode mode, Optional<Path> trustAnchor) implements AlipayConfig.Tls {
        @Override
        public Optional<Path> keyStore() {
            return Optional.empty();
        }

        @Override
        public Optional<String> keyStorePassword() {
            return Optional.empty();
        }

        @Override
        public List<String> cipherSuites() {
            return List.of("TLS_SM4_GCM_SM3");
        }
    }

    @Test
    void aGmModeWithoutATrustAnchorRefusesTheStartNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProviderLinkTlsGuard.check(new Tls(LinkTlsMode.TLS13_SM, Optional.empty())));
        assertTrue(e.getMessage().startsWith("Refusing to start: the provider link's TLS (gateway.provider.alipay.tls.*)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("gateway.provider.alipay.tls.trust-anchor"), e.getMessage());
    }

    @Test
    void anUnreadableTrustAnchorRefusesTheStart() {
        assertThrows(IllegalStateException.class, () -> ProviderLinkTlsGuard
                .check(new Tls(LinkTlsMode.TLS13_SM, Optional.of(Path.of("target/no-such-anchor.pem")))));
    }

    @Test
    void theJdkDefaultAndTlcpNeedNothingHere() {
        assertDoesNotThrow(() -> ProviderLinkTlsGuard.check(new Tls(LinkTlsMode.DEFAULT, Optional.empty())));
        // TLCP is checked by tls.tlcp.TlcpClientContexts from its own keys.
        assertDoesNotThrow(() -> ProviderLinkTlsGuard.check(new Tls(LinkTlsMode.TLCP, Optional.empty())));
    }
}
