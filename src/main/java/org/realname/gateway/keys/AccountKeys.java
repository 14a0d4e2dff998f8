package org.realname.gateway.keys;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.fault.FaultPoint;
import org.realname.gateway.fault.FaultPoints;
import org.realname.gateway.tenant.AccountRef;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The per-account data keys (envelope encryption): one SM4-128 DEK per account, made on first
 * use, stored only wrapped under the ACTIVE KEK ({@link DekWrapping}), re-wrapped after a KEK
 * rotation, destroyed by crypto-shredding.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>an account has at most one DEK, ever: a destroyed one is never replaced, so every
 *       ciphertext sealed for the account stays unreadable after shredding;</li>
 *   <li>a new DEK is wrapped only under a KEK that is ACTIVE when its row commits (both take
 *       the ACTIVE row's lock: a creation shares it, a rotation takes it alone), so once a KEK is
 *       PASSIVE nothing new depends on it;</li>
 *   <li>unwrapping needs only the KEK's material: a DEK read just before it was re-wrapped
 *       still opens, so rotation never breaks a running request;</li>
 *   <li>failures are typed: {@link ErrorCode#ACCOUNT_ERASED} (shredded),
 *       {@link ErrorCode#KEY_UNAVAILABLE} (no DEK, or its KEK is not in the key source),
 *       {@link ErrorCode#DATA_INTEGRITY} (the wrapped DEK was changed, or belongs to another
 *       account or KEK). Messages carry no key bytes.</li>
 * </ul>
 * Unwrapped DEKs are deliberately not cached across calls: the row is read in the caller's
 * transaction (Hibernate keeps it for the rest of it), so a shred is effective on every gateway
 * instance at once, and unwrapping 16 bytes costs microseconds next to the database round trip.
 *
 * <p>Call {@link #forSealing}, {@link #forOpening}, {@link #isErased} and {@link #shred} inside
 * a transaction. They are not {@code @Transactional} on purpose: an exception passing a
 * transactional boundary would mark the caller's transaction for rollback, and callers such as
 * the real-name lookup want to answer "erased" rather than fail.
 */
@ApplicationScoped
public class AccountKeys {

    private static final Logger LOG = Logger.getLogger(AccountKeys.class);
    private static final int ACTIVE_LOCK_ATTEMPTS = 5;

    private final AccountKeyRepository accountKeys;
    private final KeyVersionRepository versions;
    private final MasterKeySource source;
    private final Clock clock;
    private final FaultPoints faults;

    public AccountKeys(AccountKeyRepository accountKeys, KeyVersionRepository versions, MasterKeySource source, Clock clock,
            FaultPoints faults) {
        this.accountKeys = accountKeys;
        this.versions = versions;
        this.source = source;
        this.clock = clock;
        this.faults = faults;
    }

    /**
     * The account's DEK as an AEAD, for new ciphertexts. The DEK is created, in the caller's
     * transaction, if the account has none yet.
     *
     * @throws GatewayException {@link ErrorCode#ACCOUNT_ERASED} if the account was shredded
     */
    public Aead forSealing(AccountRef account) {
        AccountKey key = accountKeys.findById(new AccountKey.Key(account));
        if (key == null) {
            create(account);
            key = accountKeys.findById(new AccountKey.Key(account));
            if (key == null) {
                throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The account's data key could not be created");
            }
        }
        return unwrap(key);
    }

    /**
     * The account's DEK as an AEAD, for opening its ciphertexts.
     *
     * @throws GatewayException {@link ErrorCode#ACCOUNT_ERASED} if shredded,
     *         {@link ErrorCode#KEY_UNAVAILABLE} if it has no DEK
     */
    public Aead forOpening(AccountRef account) {
        AccountKey key = accountKeys.findById(new AccountKey.Key(account));
        if (key == null) {
            throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The account has no data key");
        }
        return unwrap(key);
    }

    /** Whether the account's DEK was destroyed (crypto-shredded). */
    public boolean isErased(AccountRef account) {
        AccountKey key = accountKeys.findById(new AccountKey.Key(account));
        return key != null && key.isDestroyed();
    }

    /**
     * Destroys the account's DEK for good. An account without one gets a destroyed row, so no
     * DEK can be made for it later either.
     *
     * @return when the DEK was destroyed (now, or earlier if it already was)
     */
    public Instant shred(AccountRef account) {
        Instant now = now();
        AccountKey key = accountKeys.findById(new AccountKey.Key(account), LockModeType.PESSIMISTIC_WRITE);
        if (key == null) {
            String kek = versions.active(KeyKind.KEK).orElseThrow(() -> noActiveKek()).keyId();
            key = new AccountKey(account, kek, new byte[0], now);
            key.destroy(now);
            accountKeys.persist(key);
            return now;
        }
        if (!key.isDestroyed()) {
            key.destroy(now);
        }
        return key.destroyedAt();
    }

    /**
     * Re-wraps up to {@code size} DEKs not under the ACTIVE KEK, in one transaction of its own.
     * A DEK that fails to unwrap is left as is (and keeps its KEK from being disabled).
     *
     * @return how many were re-wrapped; 0 when nothing (more) can be done
     */
    public int rewrapBatch(int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<KeyVersion> active = versions.active(KeyKind.KEK);
            if (active.isEmpty()) {
                return 0;
            }
            String activeId = active.get().keyId();
            Aead activeKek = source.keyEncryptionKey(activeId);
            Instant now = now();
            int done = 0;
            for (AccountKey key : accountKeys.lockNotUnder(activeId, size)) {
                // Re-checked under the row lock: another instance may have just done it.
                if (key.isDestroyed() || key.kekKeyId().equals(activeId)) {
                    continue;
                }
                try {
                    SecretBytes dek = DekWrapping.unwrap(source.keyEncryptionKey(key.kekKeyId()), key.kekKeyId(),
                            key.account().keyOwner(), key.wrappedDek());
                    key.rewrap(activeId, DekWrapping.wrap(activeKek, activeId, key.account().keyOwner(), dek), now);
                    done++;
                    faults.reached(FaultPoint.KEY_REWRAP);
                } catch (GeneralSecurityException | IllegalStateException e) {
                    LOG.errorf("A data key under %s cannot be unwrapped (%s); it stays under that KEK", key.kekKeyId(),
                            e.getClass().getSimpleName());
                }
            }
            return done;
        });
    }

    private Aead unwrap(AccountKey key) {
        if (key.isDestroyed()) {
            throw new GatewayException(ErrorCode.ACCOUNT_ERASED, "The account's personal data has been erased");
        }
        Aead kek;
        try {
            kek = source.keyEncryptionKey(key.kekKeyId());
        } catch (IllegalStateException e) {
            throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The key-encryption key " + key.kekKeyId() + " is not available", e);
        }
        try {
            return DekWrapping.aead(DekWrapping.unwrap(kek, key.kekKeyId(), key.account().keyOwner(), key.wrappedDek()));
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.DATA_INTEGRITY, "The account's data key failed its integrity check", e);
        }
    }

    /**
     * Makes the account's DEK in the caller's transaction (one step, one commit). The insert
     * skips a row a racing first use made meanwhile ({@code ON CONFLICT DO NOTHING}, which H2's
     * PostgreSQL mode takes too), so the caller's transaction never fails on the key, and the
     * winner's DEK is the account's DEK.
     */
    private void create(AccountRef account) {
        KeyVersion kek = shareActiveKek();
        byte[] wrapped;
        try {
            wrapped = DekWrapping.wrap(source.keyEncryptionKey(kek.keyId()), kek.keyId(), account.keyOwner(), DekWrapping.newDek());
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The account's data key could not be wrapped", e);
        }
        accountKeys.getEntityManager().createNativeQuery("INSERT INTO account_key (tenant_id, account_id, kek_key_id, "
                + "wrapped_dek, created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                .setParameter(1, account.tenant()).setParameter(2, account.accountId()).setParameter(3, kek.keyId())
                .setParameter(4, wrapped).setParameter(5, now()).executeUpdate();
    }

    /**
     * The ACTIVE KEK, share-locked until the caller's transaction ends: new DEKs of many accounts
     * are made side by side, while a rotation (which locks the row for update) waits for them and
     * they for it, so a DEK is only ever wrapped under a KEK that is ACTIVE when it commits.
     * (H2 has no shared row lock; there the lock is exclusive.)
     */
    private KeyVersion shareActiveKek() {
        for (int attempt = 0; attempt < ACTIVE_LOCK_ATTEMPTS; attempt++) {
            Optional<KeyVersion> active = versions.shareActive(KeyKind.KEK);
            if (active.isPresent() && active.get().status() == KeyStatus.ACTIVE) {
                return active.get();
            }
            // A rotation committed while we waited: forget what we read and ask again.
            versions.getEntityManager().clear();
        }
        throw noActiveKek();
    }

    private static GatewayException noActiveKek() {
        return new GatewayException(ErrorCode.KEY_UNAVAILABLE, "There is no ACTIVE key-encryption key");
    }

    /** Database timestamps keep milliseconds (as the session tables do), so answers equal what is stored. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
