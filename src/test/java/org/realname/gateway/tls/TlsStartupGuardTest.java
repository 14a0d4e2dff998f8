package org.realname.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fail-closed rules for the listener's settings, and a listener whose key store is missing. */
class TlsStartupGuardTest {

    record Settings(boolean enabled, boolean generateIfMissing, Optional<String> keyStorePassword,
            Optional<Path> sm2KeyStore, Optional<Path> ecdsaKeyStore, List<String> protocols, List<String> cipherSuites)
            implements TlsConfig {

        static Settings production() {
            return new Settings(true, false, Optional.of("s3cret"), Optional.of(Path.of("/etc/tls/sm2.p12")),
                    Optional.of(Path.of("/etc/tls/ecdsa.p12")), List.of("TLSv1.3", "TLSv1.2"), TlsPolicyTest.DEFAULT_SUITES);
        }

        @Override
        public Path dir() {
            return Path.of("unused");
        }

        @Override
        public Optional<List<String>> serverNames() {
            return Optional.empty();
        }

        @Override
        public String sm2KeyAlias() {
            return "sign";
        }

        @Override
        public String ecdsaKeyAlias() {
            return "server";
        }
    }

    @Test
    void aCompleteProductionConfiguration_isAccepted() {
        assertEquals(List.of(), TlsStartupGuard.check(List.of("prod"), Settings.production()));
    }

    @Test
    void production_refusesGeneratedCertificates_missingPassword_andNoKeyStore() {
        Settings p = Settings.production();
        assertTrue(TlsStartupGuard.check(List.of("prod"), new Settings(true, true, p.keyStorePassword(), p.sm2KeyStore(),
                p.ecdsaKeyStore(), p.protocols(), p.cipherSuites())).get(0).contains("generate-if-missing"));
        assertTrue(TlsStartupGuard.check(List.of("prod"), new Settings(true, false, Optional.of(" "), p.sm2KeyStore(),
                p.ecdsaKeyStore(), p.protocols(), p.cipherSuites())).get(0).contains("GATEWAY_TLS_KEY_STORE_PASSWORD"));
        assertTrue(TlsStartupGuard.check(List.of("prod"), new Settings(true, false, p.keyStorePassword(), Optional.empty(),
                Optional.empty(), p.protocols(), p.cipherSuites())).get(0).contains("no key store"));
    }

    @Test
    void anyProfile_refusesAnInsecureProtocol() {
        Settings p = Settings.production();
        List<String> problems = TlsStartupGuard.check(List.of("dev"), new Settings(true, false, p.keyStorePassword(),
                p.sm2KeyStore(), p.ecdsaKeyStore(), List.of("TLSv1.3", "TLSv1.1"), p.cipherSuites()));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("TLSv1.1"));
    }

    @Test
    void aMissingKeyStore_refusesTheListener(@TempDir Path dir) {
        Settings p = Settings.production();
        TlsMaterial material = new TlsMaterial(new Settings(true, false, p.keyStorePassword(),
                Optional.of(dir.resolve("absent.p12")), Optional.empty(), p.protocols(), p.cipherSuites()));
        IllegalStateException e = assertThrows(IllegalStateException.class, material::server);
        assertTrue(e.getMessage().startsWith("Refusing to start the HTTPS listener"), e.getMessage());
    }
}
