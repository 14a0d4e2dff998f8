package org.realname.gateway.keys;

import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.tenant.Tenant;

import org.realname.gateway.crypto.Sm2Signer;
import org.realname.gateway.crypto.Sm2Verifier;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The key ring: which master-key version is ACTIVE, rotation without downtime, the re-wrap of
 * data keys after a KEK rotation, crypto-shredding, and signing with the ring's SM2 keys.
 *
 * <p>Statuses live in the database ({@code key_version}), shared by every instance; key material
 * in the {@link MasterKeySource}. At start the two are reconciled ({@link KeyRingPlan}) and the
 * gateway refuses to start without an ACTIVE KEK and signing key whose material is present.
 */
@ApplicationScoped
public class KeyRingService {

    private static final Logger LOG = Logger.getLogger(KeyRingService.class);

    private final MasterKeySource source;
    private final KeyVersionRepository versions;
    private final AccountKeyRepository accountKeyRows;
    private final AccountKeys accountKeys;
    private final KeysConfig config;
    private final Event<KeyRingChange> changes;
    private final Clock clock;

    public KeyRingService(MasterKeySource source, KeyVersionRepository versions, AccountKeyRepository accountKeyRows,
            AccountKeys accountKeys, KeysConfig config, Event<KeyRingChange> changes, Clock clock) {
        this.source = source;
        this.versions = versions;
        this.accountKeyRows = accountKeyRows;
        this.accountKeys = accountKeys;
        this.config = config;
        this.changes = changes;
        this.clock = clock;
    }

    /** A signature and the id of the key that made it; verify with {@link #verify}. */
    public record Signed(String keyId, byte[] signature) {
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = QuarkusTransaction.requiringNew().call(this::reconcile);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start, key ring (" + source.description() + "): "
                    + String.join("; ", problems));
        }
    }

    /** Registers the source's key versions in the database; returns the reasons not to start. */
    List<String> reconcile() {
        List<String> problems = new ArrayList<>();
        Instant now = now();
        for (KeyKind kind : KeyKind.values()) {
            Map<String, KeyStatus> known = versions.ofKind(kind).stream()
                    .collect(Collectors.toMap(KeyVersion::keyId, KeyVersion::status));
            KeyRingPlan plan = KeyRingPlan.of(kind, source.keyIds(kind.purpose()), known);
            plan.inserts().forEach((keyId, status) -> {
                versions.persist(new KeyVersion(keyId, kind, status, now));
                LOG.infof("Key ring: registered %s as %s", keyId, status);
            });
            problems.addAll(plan.problems());
        }
        return problems;
    }

    /**
     * Makes a new version of {@code kind} ACTIVE and the previous one PASSIVE. For KEKs the
     * data keys follow in the background ({@link KeyRewrapJob}); for signing keys the old
     * version keeps verifying.
     *
     * @return the new key id
     */
    public String rotate(KeyKind kind) {
        return rotate(kind, KeyRingChange.SYSTEM, KeyRingChange.SYSTEM);
    }

    /**
     * {@link #rotate(KeyKind)} on behalf of {@code actor} in {@code actorRole}, who is named in
     * the rotation's audit entry ({@code KEY_ROTATED}, record id = the new key id, outcome = the kind).
     */
    public String rotate(KeyKind kind, String actor, String actorRole) {
        int next = QuarkusTransaction.requiringNew().call(() -> versions.maxVersion(kind)) + 1;
        // The key is made (and saved) before the short transaction that switches the statuses,
        // so the ACTIVE row is not locked during file or KMS work. If the switch fails, the
        // orphan version is registered PASSIVE at the next start and disabled by the job.
        String keyId = source.generate(kind, next);
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = now();
            KeyVersion current = lockActive(kind);
            current.moveTo(KeyStatus.PASSIVE, now);
            // The old row must lose its active marker before the new row claims it (unique).
            versions.flush();
            versions.persist(new KeyVersion(keyId, kind, KeyStatus.ACTIVE, now));
            versions.flush();
            changes.fire(new KeyRingChange(KeyRingChange.Kind.ROTATED, actor, actorRole, keyId, kind.name()));
            LOG.infof("Key ring: rotated %s, %s is ACTIVE, %s is PASSIVE", kind, keyId, current.keyId());
        });
        return keyId;
    }

    /** The ACTIVE row, locked; asks again when a concurrent rotation moved it while we waited. */
    private KeyVersion lockActive(KeyKind kind) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<KeyVersion> active = versions.lockActive(kind);
            if (active.isPresent() && active.get().status() == KeyStatus.ACTIVE) {
                return active.get();
            }
            versions.getEntityManager().clear();
        }
        throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "There is no ACTIVE " + kind + " key to rotate");
    }

    /**
     * Re-wraps every data key still under a PASSIVE KEK, batch by batch, then disables the
     * PASSIVE KEKs no live data key uses. Safe to run on several instances at once.
     *
     * @return how many data keys were re-wrapped
     */
    public int rewrapPending() {
        int total = 0;
        int done;
        do {
            done = accountKeys.rewrapBatch(config.rewrapBatchSize());
            total += done;
        } while (done > 0);
        if (total > 0) {
            LOG.infof("Key ring: re-wrapped %d data keys under the ACTIVE KEK", total);
        }
        disableUnusedKeks();
        return total;
    }

    private void disableUnusedKeks() {
        List<String> passive = QuarkusTransaction.requiringNew().call(() -> versions.ofKind(KeyKind.KEK).stream()
                .filter(v -> v.status() == KeyStatus.PASSIVE).map(KeyVersion::keyId).toList());
        for (String keyId : passive) {
            QuarkusTransaction.requiringNew().run(() -> {
                KeyVersion v = versions.findById(keyId, LockModeType.PESSIMISTIC_WRITE);
                if (v.status() == KeyStatus.PASSIVE && accountKeyRows.countLiveUnder(keyId) == 0) {
                    v.moveTo(KeyStatus.DISABLED, now());
                    LOG.infof("Key ring: %s no longer wraps any data key, DISABLED", keyId);
                }
            });
        }
    }

    /** Versions, statuses and re-wrap progress. */
    public KeyRingView status() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<KeyRingView.Version> all = new ArrayList<>();
            for (KeyKind kind : KeyKind.values()) {
                versions.ofKind(kind).forEach(v -> all.add(KeyRingView.Version.of(v)));
            }
            Map<String, Long> byKek = accountKeyRows.liveCountsByKek();
            String active = versions.active(KeyKind.KEK).map(KeyVersion::keyId).orElse("");
            long toRewrap = byKek.entrySet().stream().filter(e -> !e.getKey().equals(active)).mapToLong(Map.Entry::getValue).sum();
            return new KeyRingView(all, byKek, toRewrap, accountKeyRows.countShredded());
        });
    }

    /** The ACTIVE key id of {@code kind}. */
    public String activeKeyId(KeyKind kind) {
        return QuarkusTransaction.joiningExisting().call(() -> versions.active(kind)).map(KeyVersion::keyId)
                .orElseThrow(() -> new GatewayException(ErrorCode.KEY_UNAVAILABLE, "There is no ACTIVE " + kind + " key"));
    }

    /**
     * Crypto-shredding: destroys the account's data key, so every ciphertext of the account is
     * unreadable from now on, on every instance; non-personal columns are untouched. Final: no
     * new data key is ever made for the account, and sealing for it fails with
     * {@link ErrorCode#ACCOUNT_ERASED}.
     *
     * @return when the key was destroyed
     */
    public Instant shred(AccountRef accountId) {
        return shred(accountId, KeyRingChange.SYSTEM, KeyRingChange.SYSTEM);
    }

    /**
     * {@link #shred(AccountRef)} on behalf of {@code actor} in {@code actorRole}; the audit entry
     * ({@code KEY_SHREDDED}, record id = the account id) is written in the same transaction, by
     * the trail observing the {@link KeyRingChange} this fires.
     */
    public Instant shred(AccountRef accountId, String actor, String actorRole) {
        Instant at = QuarkusTransaction.requiringNew().call(() -> {
            Instant destroyed = accountKeys.shred(accountId);
            accountKeyRows.flush();
            changes.fire(new KeyRingChange(KeyRingChange.Kind.SHREDDED, actor, actorRole, accountId.accountId(),
                    Tenant.DEFAULT.equals(accountId.tenant()) ? null : "tenant:" + accountId.tenant()));
            return destroyed;
        });
        LOG.infof("Key ring: an account's data key was destroyed (crypto-shredding)");
        return at;
    }

    /** Signs {@code data} with the ACTIVE signing key (SM3withSM2). */
    public Signed sign(byte[] data) {
        String keyId = activeKeyId(KeyKind.SIGNING);
        try {
            return new Signed(keyId, new Sm2Signer(source.signingKey(keyId).privateKey()).sign(data));
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The signature could not be made", e);
        }
    }

    /**
     * Whether {@code signature} is a signature of {@code data} by signing key {@code keyId}, and
     * that key is ACTIVE or PASSIVE. Unknown, disabled and destroyed keys verify nothing.
     */
    public boolean verify(String keyId, byte[] data, byte[] signature) {
        Optional<KeyVersion> version = QuarkusTransaction.joiningExisting().call(() -> versions.findByIdOptional(keyId));
        if (version.isEmpty() || version.get().kind() != KeyKind.SIGNING || !version.get().status().verifies()) {
            return false;
        }
        try {
            new Sm2Verifier(certificate(keyId).getPublicKey()).verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The self-signed certificate of signing key {@code keyId}, to publish its public key. */
    public X509Certificate certificate(String keyId) {
        try {
            return source.signingKey(keyId).certificate();
        } catch (IllegalStateException e) {
            throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "Signing key " + keyId + " is not available", e);
        }
    }

    /** Database timestamps keep milliseconds (as the session tables do), so answers equal what is stored. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
