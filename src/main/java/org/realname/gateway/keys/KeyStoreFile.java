package org.realname.gateway.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.crypto.SecretKeyAccess;

import io.quarkus.runtime.Startup;

/**
 * The gateway's secret keys, read once at start from a password-protected BouncyCastle FIPS
 * key store ({@code BCFKS}) file. Today the keys in it are used directly; when envelope
 * encryption arrives they become the key-encryption keys, and this class one master-key
 * source among others (a KMS).
 *
 * <p>Fails closed: a store that cannot be opened (wrong password, corrupt file), a missing
 * store or key while {@code gateway.keys.create-if-missing=false}, or a key of the wrong size
 * stops the start with an {@link IllegalStateException} naming the file and key id, never the
 * password or key bytes. With {@code create-if-missing=true} (embedded default) missing keys
 * are generated and the file is written atomically, owner-only where the file system allows.
 *
 * <p>BCFKS in BouncyCastle 1.84 has no object identifier for SM4 or HMAC-SM3 secret keys, so
 * entries carry a generic container label ({@code AES} for 16-byte, {@code HMACSHA256} for
 * 32-byte keys). The label is never used to choose an algorithm: the key id's
 * {@link KeyPurpose} does.
 */
@Startup
@ApplicationScoped
public final class KeyStoreFile {

    private static final Logger LOG = Logger.getLogger(KeyStoreFile.class);
    private static final String STORE_TYPE = "BCFKS";

    private final Path path;
    private final Map<String, SecretBytes> keys;

    @Inject
    public KeyStoreFile(KeysConfig config) {
        this.path = config.storeFile();
        String password = config.storePassword();
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("gateway.keys.store-password is empty: set it (production: GATEWAY_KEYS_STORE_PASSWORD)");
        }
        char[] secret = password.toCharArray();
        try {
            this.keys = Collections.unmodifiableMap(load(secret, config.createIfMissing()));
        } finally {
            Arrays.fill(secret, '\0');
        }
        LOG.infof("Key store %s loaded, key ids %s", path, new TreeSet<>(keys.keySet()));
    }

    /** The key store file. */
    public Path path() {
        return path;
    }

    /** The ids of every key of {@code purpose} in the store, active or not. */
    public Set<String> keyIds(KeyPurpose purpose) {
        return keys.keySet().stream()
                .filter(id -> KeyPurpose.ofKeyId(id).orElse(null) == purpose)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The key with this id.
     *
     * @throws IllegalStateException if the store has no such key
     */
    public SecretBytes key(String keyId) {
        SecretBytes key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Key " + keyId + " is not in the key store " + path);
        }
        return key;
    }

    private Map<String, SecretBytes> load(char[] password, boolean createIfMissing) {
        KeyStore store;
        boolean changed = false;
        try {
            store = GmProvider.keyStore(STORE_TYPE);
            if (Files.exists(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    store.load(in, password);
                }
            } else if (createIfMissing) {
                LOG.infof("Key store %s does not exist: creating it", path);
                store.load(null, null);
                changed = true;
            } else {
                throw failure("does not exist and gateway.keys.create-if-missing is false", null);
            }
        } catch (IOException | GeneralSecurityException e) {
            // BCFKS reports a wrong password as a failed MAC: the two cannot be told apart.
            throw failure("cannot be opened: wrong gateway.keys.store-password or corrupt file", e);
        }
        try {
            for (KeyPurpose purpose : KeyPurpose.values()) {
                String keyId = purpose.activeKeyId();
                if (store.containsAlias(keyId)) {
                    continue;
                }
                if (!createIfMissing) {
                    throw failure("has no key " + keyId + " and gateway.keys.create-if-missing is false", null);
                }
                store.setEntry(keyId, new KeyStore.SecretKeyEntry(generate(purpose)), new KeyStore.PasswordProtection(password));
                LOG.infof("Generated key %s (%s) in key store %s", keyId, purpose.algorithm(), path);
                changed = true;
            }
            if (changed) {
                save(store, password);
            }
            return readKeys(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw failure("cannot be read or written", e);
        }
    }

    private Map<String, SecretBytes> readKeys(KeyStore store, char[] password) throws GeneralSecurityException {
        Map<String, SecretBytes> result = new HashMap<>();
        for (String alias : Collections.list(store.aliases())) {
            KeyPurpose purpose = KeyPurpose.ofKeyId(alias).orElse(null);
            if (purpose == null) {
                LOG.warnf("Key store %s: ignoring entry %s, not a gateway key id", path, alias);
                continue;
            }
            Key key = store.getKey(alias, password);
            byte[] raw = key instanceof SecretKey ? key.getEncoded() : null;
            if (raw == null || raw.length != purpose.keySize()) {
                throw failure("has an unusable key " + alias + " (expected a " + purpose.keySize() + "-byte secret key)", null);
            }
            result.put(alias, SecretBytes.copyFrom(raw, SecretKeyAccess.rawKeyAccess()));
            Arrays.fill(raw, (byte) 0);
        }
        return result;
    }

    private static SecretKey generate(KeyPurpose purpose) {
        byte[] raw = SecretBytes.randomBytes(purpose.keySize()).toByteArray(SecretKeyAccess.rawKeyAccess());
        try {
            return new SecretKeySpec(raw, containerLabel(purpose));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** BCFKS only stores secret keys of algorithms it has an OID for; see the class comment. */
    private static String containerLabel(KeyPurpose purpose) {
        return switch (purpose) {
            case RECORD_ENCRYPTION -> "AES";
            case BLIND_INDEX -> "HMACSHA256";
        };
    }

    /** Writes a temporary file beside the store and moves it in place, so a crash leaves the old store intact. */
    private void save(KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        // createTempFile makes the file owner-only (rw-------) on POSIX systems.
        Path tmp = Files.createTempFile(dir, ".gateway-keys-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private IllegalStateException failure(String what, Exception cause) {
        return new IllegalStateException("Key store " + path + " " + what, cause);
    }
}
