package org.realname.gateway.session;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.config.GatewayConfig;
import org.realname.gateway.error.DatabaseUnavailable;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.fault.FaultPoint;
import org.realname.gateway.fault.FaultPoints;
import org.realname.gateway.keys.BlindIndex;
import org.realname.gateway.keys.IdentityCipher;
import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.limits.AttemptLimiter;
import org.realname.gateway.metrics.GatewayMetrics;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.identity.PersonName;
import org.realname.gateway.privacy.SealedIdentity;
import org.realname.gateway.provider.ProviderLink;
import org.realname.gateway.result.ResultRepository;
import org.realname.gateway.result.VerificationResult;
import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.util.Ids;
import org.realname.gateway.webhook.WebhookOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.realname.gateway.shared.Purpose;

/**
 * The platform's use cases: create, read and cancel sessions. Each runs in its own short
 * transaction; expiry is applied on every access.
 */
@ApplicationScoped
public class VerificationService {

    private static final Logger LOG = Logger.getLogger(VerificationService.class);

    public static final String TABLE = "verification_session";
    static final String ACCOUNT_ID_PATTERN = "[A-Za-z0-9._:@-]{1,64}";
    private static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]{1,128}";

    private final SessionRepository sessions;
    private final ResultRepository results;
    private final IdentitySealer sealer;
    private final IdentityCipher cipher;
    private final BlindIndex blindIndex;
    private final ReturnUrlPolicy returnUrls;
    private final ProviderLink provider;
    private final SessionConfig config;
    private final GatewayConfig gateway;
    private final AttemptLimiter limiter;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final FaultPoints faults;

    public VerificationService(SessionRepository sessions, ResultRepository results, IdentitySealer sealer,
            IdentityCipher cipher, BlindIndex blindIndex, ReturnUrlPolicy returnUrls,
            ProviderLink provider, SessionConfig config, GatewayConfig gateway, AttemptLimiter limiter, WebhookOutbox outbox, AuditTrail audit,
            Clock clock, GatewayMetrics metrics, FaultPoints faults) {
        this.sessions = sessions;
        this.results = results;
        this.sealer = sealer;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.returnUrls = returnUrls;
        this.provider = provider;
        this.config = config;
        this.gateway = gateway;
        this.limiter = limiter;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
        this.faults = faults;
    }

    /** A new (or, for a repeated idempotency key, the same) session and its one-time link. */
    public VerificationView create(CreateVerificationRequest request, String tenant, String createdBy, String idempotencyKey) {
        if (request == null) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "A JSON body is required");
        }
        String accountId = request.accountId();
        if (accountId == null || !accountId.matches(ACCOUNT_ID_PATTERN)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST,
                    "account_id must be 1-64 characters of letters, digits and ._:@-");
        }
        Purpose purpose = parsePurpose(request.purpose());
        URI returnUrl = returnUrls.check(request.returnUrl());
        if (idempotencyKey != null && !idempotencyKey.matches(IDEMPOTENCY_KEY_PATTERN)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1-128 visible ASCII characters");
        }
        Optional<Identity> sent = identityFrom(request, purpose);
        AccountRef account = AccountRef.of(tenant, accountId);
        String fingerprint = fingerprint(accountId, purpose, returnUrl, sent);

        String idNumberIndex = sent.map(i -> blindIndex.of(i.idNumber())).orElse(null);
        try {
            // One transaction: a replay's lookup, the attempt count and the new session commit
            // together. A refused attempt (counted for nothing, the refusal recorded on its own)
            // rolls back and creates nothing; a replay is not an attempt.
            VerificationView view = QuarkusTransaction.requiringNew().call(() -> {
                if (idempotencyKey != null) {
                    Optional<VerificationView> replay = replayHere(tenant, idempotencyKey, fingerprint);
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                }
                limiter.checkAndCountCreationHere(AuditTrail.actorOf(createdBy), account,
                        idNumberIndex != null ? idNumberIndex : boundIdNumberIndex(account));
                return insert(account, purpose, returnUrl, sent, createdBy, idempotencyKey, fingerprint);
            });
            faults.reached(FaultPoint.AFTER_CREATE);
            return view;
        } catch (PersistenceException e) {
            // Two requests with the same idempotency key raced; the loser answers like a replay.
            // Not when the database is away: the replay's read would only wait for the pool again.
            if (idempotencyKey != null && !DatabaseUnavailable.isCause(e)) {
                Optional<VerificationView> replay = replay(tenant, idempotencyKey, fingerprint);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            throw e;
        }
    }

    /** The session, whatever its tenant: for the gateway's own use (tests, pages), never a platform's read. */
    public VerificationView get(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession s = load(id);
            expireOnAccess(s, now());
            Boolean minor = s.status().isFinal() ? results.findBySession(id).map(VerificationResult::minor).orElse(null) : null;
            return VerificationView.of(s, null, minor);
        });
    }

    /**
     * The session's status, read by {@code actor} (a platform); reading an outcome (PASSED or
     * FAILED) is on record as {@code RESULT_READ}, in the same transaction.
     */
    public VerificationView get(String tenant, String id, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession s = load(tenant, id, actor);
            expireOnAccess(s, now());
            if (actor != null && (s.status() == VerificationStatus.PASSED || s.status() == VerificationStatus.FAILED)) {
                audit.record(actor, "platform", AuditEventType.RESULT_READ, TABLE, s.id(), s.status().name());
            }
            Boolean minor = s.status().isFinal() ? results.findBySession(id).map(VerificationResult::minor).orElse(null) : null;
            return VerificationView.of(s, null, minor);
        });
    }

    public VerificationView cancel(String tenant, String id, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession s = load(tenant, id, actor);
            Instant now = now();
            applyExpiry(s, now);
            s.moveTo(VerificationStatus.CANCELED, now);
            outbox.sessionEnded(s.id());
            audit.record(actor, "platform", AuditEventType.SESSION_CANCELED, TABLE, s.id(), null);
            return VerificationView.of(s, null);
        });
    }

    /**
     * The session if it belongs to {@code tenant}. Another tenant's session answers exactly like
     * a missing one, and the refusal is on record ({@code ACCESS_REFUSED}, in its own transaction).
     */
    VerificationSession load(String tenant, String id, String actor) {
        VerificationSession s = load(id);
        if (!s.tenantId().equals(tenant)) {
            audit.recordSeparately(actor, "platform", AuditEventType.ACCESS_REFUSED, TABLE, id, "tenant:" + tenant);
            throw new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "No verification with this id");
        }
        return s;
    }

    VerificationSession load(String id) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            throw new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "No verification with this id");
        }
        return sessions.findByIdOptional(id).orElseThrow(
                () -> new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "No verification with this id"));
    }

    /**
     * Sessions that never reached the provider expire on access; pending ones are settled with the provider instead.
     *
     * @return whether the session expired now
     */
    static boolean applyExpiry(VerificationSession s, Instant now) {
        if ((s.status() == VerificationStatus.CREATED || s.status() == VerificationStatus.CONSENTED) && s.isOverdue(now)) {
            s.moveTo(VerificationStatus.EXPIRED, now);
            return true;
        }
        return false;
    }

    /**
     * {@link #applyExpiry} for an access whose transaction commits, with its audit entry
     * ({@code SESSION_EXPIRED}, outcome {@code on-access}) in the same transaction. The session
     * row is written first, so the lock order stays session, then audit head.
     */
    void expireOnAccess(VerificationSession s, Instant now) {
        if (applyExpiry(s, now)) {
            sessions.flush();
            outbox.sessionEnded(s.id());
            audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.SESSION_EXPIRED, TABLE, s.id(), "on-access");
        }
    }

    /**
     * Persists the expiry of an overdue session, with its audit entry, while the request that
     * found it is refused and rolls back. When another request expires it at the same time, its
     * version check fails here: that request records the expiry, and the refusal stands.
     */
    void expireSeparately(String id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> sessions.findByIdOptional(id).ifPresent(s -> expireOnAccess(s, now())));
        } catch (RuntimeException concurrentlyExpired) {
            // The sweep records any expiry this missed; the session id is all that is logged.
            LOG.infof("session %s: expiry on access not recorded now (%s)", id, concurrentlyExpired.getClass().getSimpleName());
        }
    }

    private VerificationView insert(AccountRef account, Purpose purpose, URI returnUrl, Optional<Identity> sent,
            String createdBy, String idempotencyKey, String fingerprint) {
        Identity identity = switch (purpose) {
            case SIGNUP -> {
                if (results.binding(account).isPresent()) {
                    throw new GatewayException(ErrorCode.ACCOUNT_ALREADY_VERIFIED,
                            "This account already has a verified identity; use purpose REVERIFY");
                }
                yield sent.orElseThrow();
            }
            case REVERIFY -> {
                VerificationResult binding = results.binding(account).orElseThrow(() -> new GatewayException(
                        ErrorCode.ACCOUNT_NOT_VERIFIED, "REVERIFY needs an account that passed SIGNUP"));
                yield sealer.open(account, binding.sealedIdentity(), VerificationResult.TABLE, binding.id());
            }
        };
        Instant now = now();
        String id = Ids.newId();
        String linkToken = Ids.newSecret();
        VerificationSession s = new VerificationSession(id, account, purpose, returnUrl.toString(), provider.id(),
                Hashes.sha256(linkToken), createdBy, now, now.plus(config.ttl()));
        SealedIdentity sealed = sealer.seal(account, identity, TABLE, id);
        s.holdIdentity(new SealedValue(sealed.keyId(), sealed.nameCiphertext()),
                new SealedValue(sealed.keyId(), sealed.idNumberCiphertext()), sealed.idNumberIndex());
        // Kept sealed only so that an idempotent replay can answer the same link.
        s.rememberLink(cipher.seal(account, linkToken, linkAad(id)).ciphertext());
        if (idempotencyKey != null) {
            s.idempotency(idempotencyKey, fingerprint);
        }
        sessions.persist(s);
        sessions.flush();
        audit.record(AuditTrail.actorOf(createdBy), "platform", AuditEventType.SESSION_CREATED, TABLE, id, purpose.name());
        metrics.verificationStarted(purpose.name());
        return VerificationView.of(s, linkUrl(linkToken));
    }

    /** For a re-verification, the ID number whose attempts it is: the bound one. */
    private String boundIdNumberIndex(AccountRef account) {
        return results.binding(account).map(b -> b.sealedIdentity().idNumberIndex()).orElse(null);
    }

    private Optional<VerificationView> replay(String tenant, String idempotencyKey, String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> replayHere(tenant, idempotencyKey, fingerprint));
    }

    /** Idempotency keys are scoped by tenant: two platforms may use the same key for different sessions. */
    private Optional<VerificationView> replayHere(String tenant, String idempotencyKey, String fingerprint) {
        return sessions.findByIdempotencyKey(tenant, idempotencyKey).map(s -> {
            if (!fingerprint.equals(s.requestFingerprint())) {
                throw new GatewayException(ErrorCode.IDEMPOTENCY_CONFLICT,
                        "This Idempotency-Key was used with a different request");
            }
            expireOnAccess(s, now());
            String link = s.linkTokenCiphertext() == null ? null
                    : linkUrl(cipher.open(s.account(), new SealedValue(s.identityKeyId(), s.linkTokenCiphertext()), linkAad(s.id())));
            return VerificationView.of(s, link);
        });
    }

    private static Purpose parsePurpose(String raw) {
        if (raw == null) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "purpose is required (SIGNUP or REVERIFY)");
        }
        try {
            return Purpose.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "purpose must be SIGNUP or REVERIFY");
        }
    }

    private static Optional<Identity> identityFrom(CreateVerificationRequest r, Purpose purpose) {
        if (purpose == Purpose.REVERIFY) {
            if (r.name() != null || r.idNumber() != null) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST,
                        "REVERIFY uses the bound identity: do not send name or id_number");
            }
            return Optional.empty();
        }
        return Optional.of(new Identity(PersonName.parse(r.name()), IdNumber.parse(r.idNumber())));
    }

    /** Identifies a request body for idempotency without keeping its personal data. */
    private String fingerprint(String accountId, Purpose purpose, URI returnUrl, Optional<Identity> identity) {
        String personal = identity.map(i -> blindIndex.mac("idempotency",
                i.name().reveal() + "\u0000" + i.idNumber().reveal())).orElse("");
        return Hashes.sha256(accountId, purpose.name(), returnUrl.toString(), personal);
    }

    private String linkUrl(String token) {
        return base() + "/v/" + token;
    }

    public String base() {
        String b = gateway.publicBaseUrl().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    static String linkAad(String id) {
        return TABLE + ":link_token:" + id;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
