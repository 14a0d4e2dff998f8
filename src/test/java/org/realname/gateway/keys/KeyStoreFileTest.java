package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.GmProvider;

class KeyStoreFileTest {

    private static final byte[] AAD = "account_key:a:kek-v1".getBytes(UTF_8);

    @TempDir
    Path dir;

    @Test
    void firstStart_createsStoreWithKekBlindIndexAndSigningKey() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);

        KeyStoreFile keys = new KeyStoreFile(config);

        assertTrue(Files.isRegularFile(config.storeFile()));
        assertEquals(Set.of("kek-v1"), keys.keyIds(KeyPurpose.KEY_ENCRYPTION));
        assertEquals(Set.of("blind-index-v1"), keys.keyIds(KeyPurpose.BLIND_INDEX));
        assertEquals(Set.of("sign-v1"), keys.keyIds(KeyPurpose.SIGNING));
        assertEquals(16, rawSecret(config, "kek-v1").length);
        assertEquals(32, rawSecret(config, "blind-index-v1").length);
        SigningKey signing = keys.signingKey("sign-v1");
        assertEquals("SM3WITHSM2", signing.certificate().getSigAlgName().toUpperCase());
        signing.certificate().verify(signing.certificate().getPublicKey(), GmProvider.provider());
        assertFalse(signing.toString().contains(signing.privateKey().toString()));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.storeFile())));
        }
    }

    @Test
    void reopen_withSamePassword_givesSameKeys() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        KeyStoreFile first = new KeyStoreFile(config);
        byte[] wrapped = first.keyEncryptionKey("kek-v1").encrypt(new byte[16], AAD);

        KeyStoreFile second = new KeyStoreFile(config.withoutCreate());

        assertArrayEquals(new byte[16], second.keyEncryptionKey("kek-v1").decrypt(wrapped, AAD));
        assertEquals(first.signingKey("sign-v1").certificate(), second.signingKey("sign-v1").certificate());
    }

    @Test
    void generate_addsNextVersion_keepsOldOnes_andIsDurable() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        KeyStoreFile keys = new KeyStoreFile(config);
        byte[] wrapped = keys.keyEncryptionKey("kek-v1").encrypt(new byte[16], AAD);

        assertEquals("kek-v2", keys.generate(KeyKind.KEK, 1));
        assertEquals("kek-v5", keys.generate(KeyKind.KEK, 5), "never below the version asked for");
        assertEquals("sign-v2", keys.generate(KeyKind.SIGNING, 2));

        KeyStoreFile reopened = new KeyStoreFile(config.withoutCreate());
        assertEquals(Set.of("kek-v1", "kek-v2", "kek-v5"), reopened.keyIds(KeyPurpose.KEY_ENCRYPTION));
        assertEquals(Set.of("sign-v1", "sign-v2"), reopened.keyIds(KeyPurpose.SIGNING));
        assertArrayEquals(new byte[16], reopened.keyEncryptionKey("kek-v1").decrypt(wrapped, AAD));
        Aead v2 = reopened.keyEncryptionKey("kek-v2");
        assertThrows(GeneralSecurityException.class, () -> v2.decrypt(wrapped, AAD), "another version is another key");
    }

    @Test
    void versionMadeByAnotherInstance_isFoundByReloading() {
        TestKeysConfig config = TestKeysConfig.in(dir);
        KeyStoreFile mine = new KeyStoreFile(config);
        KeyStoreFile other = new KeyStoreFile(config.withoutCreate());

        String keyId = other.generate(KeyKind.KEK, 2);

        mine.keyEncryptionKey(keyId);
        assertTrue(mine.keyIds(KeyPurpose.KEY_ENCRYPTION).contains(keyId));
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
    void storeWithoutKek_withCreateDisabled_refusesToStart() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir).withoutCreate();
        writeStore(config, "blind-index-v1", new SecretKeySpec(new byte[32], "HMACSHA256"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KeyStoreFile(config));

        assertTrue(e.getMessage().contains("has no kek-v* key"), e.getMessage());
    }

    @Test
    void storeFromBeforeEnvelopeEncryption_isUpgraded_keepingTheBlindIndexKey() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        byte[] indexKey = new byte[32];
        indexKey[0] = 7;
        writeStore(config, "blind-index-v1", new SecretKeySpec(indexKey, "HMACSHA256"));

        KeyStoreFile keys = new KeyStoreFile(config);

        assertArrayEquals(indexKey, rawSecret(config, "blind-index-v1"));
        assertEquals(Set.of("kek-v1"), keys.keyIds(KeyPurpose.KEY_ENCRYPTION));
        assertEquals(Set.of("sign-v1"), new KeyStoreFile(config.withoutCreate()).keyIds(KeyPurpose.SIGNING));
    }

    @Test
    void keyOfWrongSize_failsClosed() throws Exception {
        TestKeysConfig config = TestKeysConfig.in(dir);
        writeStore(config, "kek-v1", new SecretKeySpec(new byte[32], "AES"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KeyStoreFile(config));

        assertTrue(e.getMessage().contains("unusable key kek-v1"), e.getMessage());
    }

    @Test
    void blankPassword_isRefused() {
        assertThrows(IllegalStateException.class, () -> new KeyStoreFile(TestKeysConfig.in(dir).withPassword(" ")));
        assertFalse(Files.exists(TestKeysConfig.in(dir).storeFile()));
    }

    @Test
    void unknownKey_isRefused() {
        KeyStoreFile keys = new KeyStoreFile(TestKeysConfig.in(dir));
        assertThrows(IllegalStateException.class, () -> keys.keyEncryptionKey("kek-v2"));
        assertThrows(IllegalStateException.class, () -> keys.signingKey("sign-v9"));
    }

    /** The raw bytes of a secret entry, read straight from the file (tests only). */
    static byte[] rawSecret(TestKeysConfig config, String alias) throws Exception {
        char[] password = config.storePassword().toCharArray();
        KeyStore store = GmProvider.keyStore("BCFKS");
        try (InputStream in = Files.newInputStream(config.storeFile())) {
            store.load(in, password);
        }
        return store.getKey(alias, password).getEncoded();
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
