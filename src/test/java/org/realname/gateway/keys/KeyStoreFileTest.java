package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.crypto.SecretKeyAccess;

class KeyStoreFileTest {

    @TempDir
    Path dir;

    @Test
    void firstStart_createsStoreWithBothKeys() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);

        KeyStoreFile keys = new KeyStoreFile(config);

        assertTrue(Files.isRegularFile(config.storeFile()));
        assertEquals(Set.of("record-v1"), keys.keyIds(KeyPurpose.RECORD_ENCRYPTION));
        assertEquals(Set.of("blind-index-v1"), keys.keyIds(KeyPurpose.BLIND_INDEX));
        assertEquals(16, keys.key("record-v1").size());
        assertEquals(32, keys.key("blind-index-v1").size());
        assertFalse(keys.key("record-v1").equalsSecretBytes(keys.key("blind-index-v1")));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.storeFile())));
        }
    }

    @Test
    void reopen_withSamePassword_givesSameKeys() {
        TestKeysConfig config = TestKeysConfig.in(dir);
        KeyStoreFile first = new KeyStoreFile(config);

        KeyStoreFile second = new KeyStoreFile(config.withoutCreate());

        assertTrue(first.key("record-v1").equalsSecretBytes(second.key("record-v1")));
        assertTrue(first.key("blind-index-v1").equalsSecretBytes(second.key("blind-index-v1")));
    }

    @Test
    void wrongPassword_failsClosed_withoutRevealingIt() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        new KeyStoreFile(config);
        byte[] before = Files.readAllBytes(config.storeFile());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new KeyStoreFile(config.withPassword("not-the-password")));

        assertTrue(e.getMessage().contains(config.storeFile().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be opened"), e.getMessage());
        assertNoSecretIn(e, "not-the-password", TestKeysConfig.PASSWORD);
        assertArrayEquals(before, Files.readAllBytes(config.storeFile()), "a failed open must not rewrite the store");
    }

    @Test
    void corruptFile_failsClosed_evenWhenCreateIsAllowed() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        Files.createDirectories(config.storeFile().getParent());
        Files.write(config.storeFile(), new byte[] {0x30, 0x03, 0x01, 0x02});

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KeyStoreFile(config));

        assertTrue(e.getMessage().contains("cannot be opened"), e.getMessage());
        assertEquals(4, Files.size(config.storeFile()), "a corrupt store must not be replaced");
    }

    @Test
    void missingStore_withCreateDisabled_fails() {
        TestKeysConfig config = TestKeysConfig.in(dir).withoutCreate();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KeyStoreFile(config));

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(config.storeFile()));
    }

    @Test
    void missingKey_withCreateDisabled_fails() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir).withoutCreate();
        writeStore(config, "record-v1", new SecretKeySpec(new byte[16], "AES"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KeyStoreFile(config));

        assertTrue(e.getMessage().contains("has no key blind-index-v1"), e.getMessage());
    }

    @Test
    void missingKey_withCreateAllowed_isAddedAndExistingKeysKept() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        byte[] recordKey = new byte[16];
        recordKey[0] = 7;
        writeStore(config, "record-v1", new SecretKeySpec(recordKey, "AES"));

        KeyStoreFile keys = new KeyStoreFile(config);

        assertArrayEquals(recordKey, keys.key("record-v1").toByteArray(SecretKeyAccess.rawKeyAccess()));
        assertEquals(32, keys.key("blind-index-v1").size());
        assertEquals(Set.of("blind-index-v1"), new KeyStoreFile(config.withoutCreate()).keyIds(KeyPurpose.BLIND_INDEX));
    }

    @Test
    void keyOfWrongSize_failsClosed() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        writeStore(config, "record-v1", new SecretKeySpec(new byte[32], "AES"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KeyStoreFile(config));

        assertTrue(e.getMessage().contains("unusable key record-v1"), e.getMessage());
    }

    @Test
    void blankPassword_isRefused() {
        assertThrows(IllegalStateException.class, () -> new KeyStoreFile(TestKeysConfig.in(dir).withPassword(" ")));
        assertFalse(Files.exists(TestKeysConfig.in(dir).storeFile()));
    }

    @Test
    void unknownKey_isRefused() {
        KeyStoreFile keys = new KeyStoreFile(TestKeysConfig.in(dir));
        assertThrows(IllegalStateException.class, () -> keys.key("record-v2"));
    }

    private static void writeStore(TestKeysConfig config, String alias, SecretKeySpec key) throws Exception {
        char[] password = config.storePassword().toCharArray();
        KeyStore store = GmProvider.keyStore("BCFKS");
        store.load(null, null);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
        Files.createDirectories(config.storeFile().getParent());
        try (OutputStream out = Files.newOutputStream(config.storeFile())) {
            store.store(out, password);
        }
    }

    static void assertNoSecretIn(Throwable e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in " + t);
            }
        }
    }
}
