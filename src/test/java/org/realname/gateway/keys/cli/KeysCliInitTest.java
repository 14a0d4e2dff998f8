package org.realname.gateway.keys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.keys.KeyPurpose;
import org.realname.gateway.keys.KeyStoreFile;
import org.realname.gateway.keys.KeysConfig;

/** The key ceremony, {@code KeysCli init}: the store production opens without creating anything. */
class KeysCliInitTest {

    private static final String PASSWORD = "ceremony-test-password";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void init_writesAStoreThatOpensWithoutCreateIfMissing() throws Exception {
        Path file = dir.resolve("keys/gateway-keys.bcfks");

        assertEquals(0, init(Map.of("GATEWAY_KEYS_STORE_FILE", file.toString(), "GATEWAY_KEYS_STORE_PASSWORD", PASSWORD)),
                text(err));

        KeyStoreFile opened = new KeyStoreFile(new Config(file, PASSWORD, false));
        assertEquals(Set.of("kek-v1"), opened.keyIds(KeyPurpose.KEY_ENCRYPTION));
        assertEquals(Set.of("blind-index-v1"), opened.keyIds(KeyPurpose.BLIND_INDEX));
        assertEquals(Set.of("sign-v1"), opened.keyIds(KeyPurpose.SIGNING));
        byte[] aad = "account_key:a:kek-v1".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new byte[16], opened.keyEncryptionKey("kek-v1").decrypt(
                opened.keyEncryptionKey("kek-v1").encrypt(new byte[16], aad), aad));
        assertTrue(text(out).contains("\"key_ids\":[\"blind-index-v1\",\"kek-v1\",\"sign-v1\"]"), text(out));
        assertFalse(text(out).contains(PASSWORD) || text(err).contains(PASSWORD), "the password is never printed");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        // And the password is the one given: another does not open it.
        assertThrows(IllegalStateException.class, () -> new KeyStoreFile(new Config(file, "another-password", false)));
    }

    @Test
    void init_refusesAnExistingFile_andLeavesItAsItWas() throws Exception {
        Path file = dir.resolve("gateway-keys.bcfks");
        Map<String, String> env = Map.of("GATEWAY_KEYS_STORE_FILE", file.toString(), "GATEWAY_KEYS_STORE_PASSWORD", PASSWORD);
        assertEquals(0, init(env));
        byte[] before = Files.readAllBytes(file);

        assertEquals(1, init(env));

        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(text(err).contains("exists already"), text(err));
    }

    @Test
    void init_refusesAnyExistingFile_evenOneThatIsNoKeyStore() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway-keys.bcfks"), "not a key store");

        assertEquals(1, init(Map.of("GATEWAY_KEYS_STORE_FILE", file.toString(), "GATEWAY_KEYS_STORE_PASSWORD", PASSWORD)));

        assertEquals("not a key store", Files.readString(file));
    }

    @Test
    void init_needsThePasswordFromTheEnvironment() throws Exception {
        Path file = dir.resolve("gateway-keys.bcfks");

        assertEquals(2, init(Map.of("GATEWAY_KEYS_STORE_FILE", file.toString())));
        assertEquals(2, init(Map.of("GATEWAY_KEYS_STORE_FILE", file.toString(), "GATEWAY_KEYS_STORE_PASSWORD", " ")));
        assertEquals(2, init(Map.of("GATEWAY_KEYS_STORE_PASSWORD", PASSWORD)));

        assertFalse(Files.exists(file));
        assertTrue(text(err).contains("GATEWAY_KEYS_STORE_PASSWORD"), text(err));
    }

    @Test
    void anUnknownVerb_isAUsageError() throws Exception {
        assertEquals(2, KeysCli.run(new String[] {"init", "now"}, Map.of(), stream(out), stream(err)));
        assertTrue(text(err).startsWith("usage:"), text(err));
    }

    private int init(Map<String, String> env) throws InterruptedException {
        return KeysCli.run(new String[] {"init"}, env, stream(out), stream(err));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The gateway's own view of the store, without booting Quarkus. */
    private record Config(Path storeFile, String storePassword, boolean createIfMissing) implements KeysConfig {
        @Override
        public int rewrapBatchSize() {
            return 200;
        }

        @Override
        public Duration rewrapInterval() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration rewrapDelay() {
            return Duration.ofSeconds(5);
        }
    }
}
