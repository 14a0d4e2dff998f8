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
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.crypto.HmacSm3;
import org.realname.gateway.crypto.Mac;
import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.crypto.SecretKeyAccess;
import org.realname.gateway.crypto.Sm4GcmAead;

import io.quarkus.runtime.Startup;

/**
 * The file {@link MasterKeySource}: a password-protected BouncyCastle FIPS key store
 * ({@code BCFKS}) holding
 * <ul>
 *   <li>KEK versions {@code kek-v1}, {@code kek-v2}, ... as SM4 secret entries;</li>
 *   <li>the blind-index key {@code blind-index-v1}, an HMAC-SM3 secret entry;</li>
 *   <li>signing versions {@code sign-v1}, ... as private-key entries (SM2) with a self-signed
 *       SM2 certificate as their chain.</li>
 * </ul>
 *
 * <p>Fails closed: a store that cannot be opened (wrong password, corrupt file), a missing
 * store, or a purpose with no key version at all while {@code gateway.keys.create-if-missing=false},
 * or a key of the wrong size stops the start with an {@link IllegalStateException} naming the
 * file and key id, never the password or key bytes. With {@code create-if-missing=true}
 * (embedded default) the first version of each missing purpose is generated and the file is
 * written atomically, owner-only where the file system allows. An entry that is not a gateway
 * key id (such as {@code record-v1} of stores from before envelope encryption) is ignored with
 * a warning.
 *
 * <p>{@link #generate} (rotation) re-reads the file, adds the version and writes it back, and a
 * key id asked for but not loaded makes the file be read again once: several instances that
 * share the file through a volume thus see each other's new versions. The store password stays
 * in memory for that.
 *
 * <p>BCFKS in BouncyCastle 1.84 has no object identifier for SM4 or HMAC-SM3 secret keys, so
 * entries carry a generic container label ({@code AES} for 16-byte, {@code HMACSHA256} for
 * 32-byte keys). The label is never used to choose an algorithm: the key id's
 * {@link KeyPurpose} does.
 */
@Startup
@ApplicationScoped
public final class KeyStoreFile implements MasterKeySource {

    private static final Logger LOG = Logger.getLogger(KeyStoreFile.class);
    private static final String STORE_TYPE = "BCFKS";
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);

    private final Path path;
    private final char[] password;
    private volatile Loaded loaded;

    /** The usable keys read from the file; replaced as a whole on reload. */
    private record Loaded(Map<String, Aead> keks, Mac blindIndex, Map<String, SigningKey> signing) {
        Set<String> ids(KeyPurpose purpose) {
            return switch (purpose) {
                case KEY_ENCRYPTION -> keks.keySet();
                case SIGNING -> signing.keySet();
                case BLIND_INDEX -> Set.of(KeyPurpose.BLIND_INDEX.keyId(1));
            };
        }
    }

    @Inject
    public KeyStoreFile(KeysConfig config) {
        this(config.storeFile(), config.storePassword(), config.createIfMissing());
        LOG.infof("Key store %s loaded, key ids %s", path, allIds(loaded));
    }

    private KeyStoreFile(Path path, String password, boolean createIfMissing) {
        this.path = path;
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("gateway.keys.store-password is empty: set it (production: GATEWAY_KEYS_STORE_PASSWORD)");
        }
        this.password = password.toCharArray();
        this.loaded = load(createIfMissing);
    }

    /**
     * The key ceremony ({@code KeysCli init}): writes a new store with the first version of every
     * kind of key, laid out exactly as the gateway reads it. Refuses a file that exists, even one
     * that appears while the store is being made: a key store is never overwritten, since every
     * value it wraps would become unreadable.
     */
    public static KeyStoreFile createNew(Path path, String password) {
        if (Files.exists(path)) {
            throw new IllegalStateException("Key store " + path + " exists already: a key store is never overwritten");
        }
        return new KeyStoreFile(path, password, true);
    }

    /** The key store file. */
    public Path path() {
        return path;
    }

    @Override
    public Set<String> keyIds(KeyPurpose purpose) {
        return Set.copyOf(loaded.ids(purpose));
    }

    @Override
    public Aead keyEncryptionKey(String keyId) {
        Aead kek = loaded.keks().get(keyId);
        if (kek == null) {
            kek = reload().keks().get(keyId);
        }
        if (kek == null) {
            throw new IllegalStateException("Key " + keyId + " is not in the key store " + path);
        }
        return kek;
    }

    @Override
    public Mac blindIndexKey() {
        return loaded.blindIndex();
    }

    @Override
    public SigningKey signingKey(String keyId) {
        SigningKey key = loaded.signing().get(keyId);
        if (key == null) {
            key = reload().signing().get(keyId);
        }
        if (key == null) {
            throw new IllegalStateException("Key " + keyId + " is not in the key store " + path);
        }
        return key;
    }

    @Override
    public synchronized String generate(KeyKind kind, int atLeast) {
        try {
            KeyStore store = open(false);
            int max = 0;
            for (String alias : Collections.list(store.aliases())) {
                if (KeyPurpose.ofKeyId(alias).orElse(null) == kind.purpose()) {
                    max = Math.max(max, kind.purpose().version(alias));
                }
            }
            String keyId = kind.purpose().keyId(Math.max(atLeast, max + 1));
            addEntry(store, kind.purpose(), keyId);
            save(store, true);
            this.loaded = read(store);
            LOG.infof("Generated key %s (%s) in key store %s", keyId, kind.purpose().algorithm(), path);
            return keyId;
        } catch (IOException | GeneralSecurityException e) {
            throw failure("cannot be read or written", e);
        }
    }

    @Override
    public String description() {
        return "key store file " + path;
    }

    private synchronized Loaded reload() {
        this.loaded = load(false);
        return loaded;
    }

    private Loaded load(boolean createIfMissing) {
        try {
            boolean existed = Files.exists(path);
            KeyStore store = open(createIfMissing);
            boolean changed = false;
            for (KeyPurpose purpose : KeyPurpose.values()) {
                if (hasVersion(store, purpose)) {
                    continue;
                }
                if (!createIfMissing) {
                    String wanted = purpose == KeyPurpose.BLIND_INDEX ? purpose.keyId(1) : purpose.keyId(1).replace("-v1", "-v*");
                    throw failure("has no " + wanted + " key and gateway.keys.create-if-missing is false", null);
                }
                addEntry(store, purpose, purpose.keyId(1));
                LOG.infof("Generated key %s (%s) in key store %s", purpose.keyId(1), purpose.algorithm(), path);
                changed = true;
            }
            if (changed) {
                // A store made here must not replace one another process made meanwhile (two
                // first starts on a shared volume, or a ceremony racing one).
                save(store, existed);
            }
            return read(store);
        } catch (IOException | GeneralSecurityException e) {
            throw failure("cannot be read or written", e);
        }
    }

    private KeyStore open(boolean createIfMissing) {
        try {
            KeyStore store = GmProvider.keyStore(STORE_TYPE);
            if (Files.exists(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    store.load(in, password);
                }
            } else if (createIfMissing) {
                LOG.infof("Key store %s does not exist: creating it", path);
                store.load(null, null);
            } else {
                throw failure("does not exist and gateway.keys.create-if-missing is false", null);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // BCFKS reports a wrong password as a failed MAC: the two cannot be told apart.
            throw failure("cannot be opened: wrong gateway.keys.store-password or corrupt file", e);
        }
    }

    private static boolean hasVersion(KeyStore store, KeyPurpose purpose) throws GeneralSecurityException {
        if (purpose == KeyPurpose.BLIND_INDEX) {
            // One blind-index key, never rotated: see KeyKind.
            return store.containsAlias(purpose.keyId(1));
        }
        for (String alias : Collections.list(store.aliases())) {
            if (KeyPurpose.ofKeyId(alias).orElse(null) == purpose) {
                return true;
            }
        }
        return false;
    }

    private void addEntry(KeyStore store, KeyPurpose purpose, String keyId) throws GeneralSecurityException {
        KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
        if (purpose == KeyPurpose.SIGNING) {
            KeyPair pair = org.realname.gateway.crypto.Sm2KeyPairs.generate();
            X509Certificate certificate = SigningCertificates.selfSigned(pair, "realname-gateway " + keyId, CERTIFICATE_VALIDITY);
            store.setEntry(keyId, new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {certificate}), protection);
        } else {
            store.setEntry(keyId, new KeyStore.SecretKeyEntry(generateSecret(purpose)), protection);
        }
    }

    private Loaded read(KeyStore store) throws GeneralSecurityException {
        Map<String, Aead> keks = new HashMap<>();
        Map<String, SigningKey> signing = new HashMap<>();
        Mac blindIndex = null;
        for (String alias : Collections.list(store.aliases())) {
            KeyPurpose purpose = KeyPurpose.ofKeyId(alias).orElse(null);
            if (purpose == null) {
                LOG.warnf("Key store %s: ignoring entry %s, not a gateway key id", path, alias);
                continue;
            }
            Key key = store.getKey(alias, password);
            if (purpose == KeyPurpose.SIGNING) {
                Certificate certificate = store.getCertificate(alias);
                if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                    throw failure("has an unusable key " + alias + " (expected an SM2 private key with its certificate)", null);
                }
                signing.put(alias, new SigningKey(alias, privateKey, x509));
                continue;
            }
            SecretBytes secret = secret(alias, purpose, key);
            if (purpose == KeyPurpose.KEY_ENCRYPTION) {
                keks.put(alias, new Sm4GcmAead(secret));
            } else if (alias.equals(KeyPurpose.BLIND_INDEX.keyId(1))) {
                blindIndex = new HmacSm3(secret);
            }
        }
        if (blindIndex == null) {
            throw failure("has no key " + KeyPurpose.BLIND_INDEX.keyId(1), null);
        }
        return new Loaded(Map.copyOf(keks), blindIndex, Map.copyOf(signing));
    }

    private SecretBytes secret(String alias, KeyPurpose purpose, Key key) {
        byte[] raw = key instanceof SecretKey ? key.getEncoded() : null;
        if (raw == null || raw.length != purpose.keySize()) {
            throw failure("has an unusable key " + alias + " (expected a " + purpose.keySize() + "-byte secret key)", null);
        }
        try {
            return SecretBytes.copyFrom(raw, SecretKeyAccess.rawKeyAccess());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static SecretKey generateSecret(KeyPurpose purpose) {
        byte[] raw = SecretBytes.randomBytes(purpose.keySize()).toByteArray(SecretKeyAccess.rawKeyAccess());
        try {
            // BCFKS only stores secret keys of algorithms it has an OID for; see the class comment.
            return new SecretKeySpec(raw, purpose == KeyPurpose.BLIND_INDEX ? "HMACSHA256" : "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Writes a temporary file beside the store and moves it in place, so a crash leaves the old
     * store intact; a new store ({@code replace} false) never takes the place of an existing file.
     */
    private void save(KeyStore store, boolean replace) throws IOException, GeneralSecurityException {
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
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // Fails with FileAlreadyExistsException when the target exists.
                Files.move(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Set<String> allIds(Loaded l) {
        Set<String> ids = new TreeSet<>();
        for (KeyPurpose p : KeyPurpose.values()) {
            ids.addAll(l.ids(p));
        }
        return ids;
    }

    private IllegalStateException failure(String what, Exception cause) {
        return new IllegalStateException("Key store " + path + " " + what, cause);
    }
}
