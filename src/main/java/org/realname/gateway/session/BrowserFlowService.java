package org.realname.gateway.session;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.consent.ConsentForm;
import org.realname.gateway.consent.ConsentRules;
import org.realname.gateway.consent.ConsentService;
import org.realname.gateway.consent.GuardianDeclaration;
import org.realname.gateway.consent.GuardianRelation;
import org.realname.gateway.consent.MinorRules;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.fault.FaultPoint;
import org.realname.gateway.fault.FaultPoints;
import org.realname.gateway.limits.AttemptLimiter;
import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.privacy.SealedIdentity;
import org.realname.gateway.provider.ProviderLink;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderUnavailableException;
import org.realname.gateway.provider.StartedVerification;
import org.realname.gateway.provider.VerificationStart;
import org.realname.gateway.util.Ids;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.realname.gateway.shared.Purpose;

/**
 * The end user's path through the gateway: open the one-time link, consent, go to the
 * provider, come back. A link works once; afterwards the session answers only the browser that
 * opened it (a random secret in a cookie, stored hashed).
 */
@ApplicationScoped
public class BrowserFlowService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BrowserFlowService.class);

    private final SessionRepository sessions;
    private final ConsentService consents;
    private final IdentitySealer sealer;
    private final ProviderLink provider;
    private final SessionSettler settler;
    private final VerificationService verifications;
    private final ReconcileConfig reconcileConfig;
    private final AttemptLimiter limiter;
    private final AuditTrail audit;
    private final Clock clock;
    private final FaultPoints faults;

    /** Provider code of a start answered with a reference another session already holds (a replay). */
    static final String REFERENCE_REUSED = "reference-reused";
    private static final String BROWSER = "browser";
    private static final String END_USER = "end_user";

    public BrowserFlowService(SessionRepository sessions, ConsentService consents, IdentitySealer sealer, ProviderLink provider, SessionSettler settler,
            VerificationService verifications, ReconcileConfig reconcileConfig, AttemptLimiter limiter, AuditTrail audit,
            Clock clock, FaultPoints faults) {
        this.sessions = sessions;
        this.consents = consents;
        this.sealer = sealer;
        this.provider = provider;
        this.settler = settler;
        this.verifications = verifications;
        this.reconcileConfig = reconcileConfig;
        this.limiter = limiter;
        this.audit = audit;
        this.clock = clock;
        this.faults = faults;
    }

    /** The opened link: the session, and the browser secret to set as a cookie (null when already bound to this browser). */
    public record OpenedLink(String sessionId, String browserSecret) {
    }

    /**
     * What the consent page shows.
     *
     * @param guardianRequired whether the person is under the guardian age, so the page asks for the
     *        guardian's name, relation and consent
     */
    public record ConsentView(String sessionId, Purpose purpose, VerificationStatus status, String maskedName,
            ConsentRules.Rules rules, boolean guardianRequired, String earlierVersion) {

        /** What changed since the version the person agreed to last (null when nothing to say). */
        public String changesZh() {
            return earlierVersion == null ? null : rules.changesZh().orElse(null);
        }

        public String changesEn() {
            return earlierVersion == null ? null : rules.changesEn().orElse(null);
        }

        /** The relations a guardian can choose from. */
        public java.util.List<GuardianRelation> relations() {
            return java.util.List.of(GuardianRelation.values());
        }
    }

    /** The hand-off page: the provider page, and the provider app's link when it has one. */
    public record Handoff(String sessionId, URI providerPage, java.util.Optional<URI> appLink) {
    }

    /** Where the browser goes after the provider, and the status it carries. */
    public record Finished(VerificationStatus status, URI platformRedirect) {
    }

    public OpenedLink openLink(String token, String browserSecret) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            throw new GatewayException(ErrorCode.LINK_INVALID, "This link is not valid");
        }
        try {
            OpenedLink opened = QuarkusTransaction.requiringNew().call(() -> {
                VerificationSession s = sessions.findByLinkHash(Hashes.sha256(token)).orElseThrow(
                        () -> new GatewayException(ErrorCode.LINK_INVALID, "This link is not valid"));
                Instant now = now();
                expireOrRequireOpen(s, now);
                if (s.linkOpenedAt() != null) {
                    if (Hashes.matches(browserSecret, s.browserBindingHash())) {
                        return new OpenedLink(s.id(), null);
                    }
                    throw new GatewayException(ErrorCode.LINK_USED, "This link has already been used");
                }
                String secret = Ids.newSecret();
                s.openLink(Hashes.sha256(secret), now);
                return new OpenedLink(s.id(), secret);
            });
            faults.reached(FaultPoint.AFTER_LINK_OPENED);
            return opened;
        } catch (RuntimeException e) {
            if (lostARace(e)) {
                throw new GatewayException(ErrorCode.LINK_USED, "This link has already been used");
            }
            throw e;
        }
    }

    public ConsentView consentView(String sessionId, String browserSecret) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession s = boundSession(sessionId, browserSecret);
            expireOrRequireOpen(s, now());
            ConsentRules.Rules inForce = consents.rulesInForce();
            String earlier = consents.earlierVersionAgreed(s.account(), inForce).orElse(null);
            if (s.sealedName() == null) {
                return new ConsentView(s.id(), s.purpose(), s.status(), "", inForce, false, earlier);
            }
            Identity identity = identityOf(s);
            MinorRules.Requirement requirement = consents.requirement(identity.idNumber(), now());
            if (requirement == MinorRules.Requirement.REFUSED) {
                throw new GatewayException(ErrorCode.MINOR_NOT_ALLOWED,
                        "Children under the guardian age cannot be verified through this service");
            }
            return new ConsentView(s.id(), s.purpose(), s.status(), identity.name().masked(), inForce,
                    requirement == MinorRules.Requirement.GUARDIAN_CONSENT, earlier);
        });
    }

    /**
     * Records consent and starts the verification at the provider.
     *
     * @return the provider page the browser goes to next
     */
    public URI consent(String sessionId, String browserSecret, ConsentForm form, String clientIp) {
        if (!form.agreed()) {
            throw new GatewayException(ErrorCode.CONSENT_REQUIRED,
                    "Tick the consent box to agree to the face-information rules before continuing");
        }
        ConsentStep step;
        try {
            step = QuarkusTransaction.requiringNew().call(() -> recordConsent(sessionId, browserSecret, form, clientIp));
        } catch (RuntimeException e) {
            if (lostARace(e)) {
                throw new GatewayException(ErrorCode.SESSION_STATE, "This verification is already being started");
            }
            throw e;
        }
        if (step.providerPage() != null) {
            // Consented before and already at the provider (the user came back): same page again.
            return step.providerPage();
        }
        faults.reached(FaultPoint.AFTER_CONSENT);
        VerificationStart start = step.start();
        StartedVerification started;
        try {
            started = provider.start(start);
        } catch (ProviderUnavailableException e) {
            // Nothing reached the provider (or its answer was lost): the session stays CONSENTED and
            // the same browser may submit again once the provider is back (503 + Retry-After).
            throw e;
        } catch (ProviderException e) {
            QuarkusTransaction.requiringNew().run(() -> {
                VerificationSession s = sessions.findById(sessionId);
                // Only this attempt's own session state: a racing attempt may have succeeded meanwhile.
                if (s.status() == VerificationStatus.CONSENTED && s.providerReference() == null) {
                    s.fail(e.providerCode(), now());
                    audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.PROVIDER_ERROR,
                            VerificationService.TABLE, s.id(), AuditTrail.actorOf(e.providerCode()));
                }
            });
            throw e;
        }
        faults.reached(FaultPoint.AFTER_PROVIDER_START);
        boolean reused = QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession s = sessions.findById(sessionId);
            Instant now = now();
            if (sessions.referenceHeldByAnother(s.provider(), started.providerReference(), s.id())) {
                // A signed answer replayed from another session (or a provider bug): its verdict
                // would be that session's face, so this session never takes the reference.
                if (s.status() == VerificationStatus.CONSENTED && s.providerReference() == null) {
                    s.fail(REFERENCE_REUSED, now);
                    audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.PROVIDER_ERROR,
                            VerificationService.TABLE, s.id(), REFERENCE_REUSED);
                }
                return true;
            }
            s.startedAtProvider(started.providerReference(), started.redirectUrl().toString(),
                    now.plus(reconcileConfig.firstAttemptAfter()));
            s.moveTo(VerificationStatus.PENDING, now);
            audit.record(BROWSER, END_USER, AuditEventType.SESSION_REDIRECTED, VerificationService.TABLE, s.id(), provider.id());
            return false;
        });
        if (reused) {
            LOG.warnf("security: the provider answered session %s with a reference another session holds; refused", sessionId);
            throw ProviderException.refused(REFERENCE_REUSED);
        }
        return started.redirectUrl();
    }

    /** What the consent step leads to: a start at the provider, or the page of one already made. */
    private record ConsentStep(VerificationStart start, URI providerPage) {
    }

    /**
     * The consent step's one transaction: the form's checks (shown rules, age, guardian fields),
     * the attempt count of the client address, the consent record and the state move. A refused
     * form or a refused attempt throws, and the transaction rolls back: nothing is counted,
     * recorded or moved (an attempt refusal is itself recorded apart).
     */
    private ConsentStep recordConsent(String sessionId, String browserSecret, ConsentForm form, String clientIp) {
        VerificationSession s = boundSession(sessionId, browserSecret);
        Instant now = now();
        expireOrRequireOpen(s, now);
        Identity identity = identityOf(s);
        // The age is taken now, at verification time (the person may have had a birthday since creation).
        java.util.Optional<GuardianDeclaration> guardian = s.status() == VerificationStatus.CREATED
                ? consents.check(form, identity.idNumber(), now)
                : java.util.Optional.empty();
        limiter.checkAndCountClientIpHere(clientIp);
        if (s.status() == VerificationStatus.PENDING && s.providerRedirectUrl() != null) {
            return new ConsentStep(null, URI.create(s.providerRedirectUrl()));
        }
        String orderNumber = s.id();
        if (s.status() == VerificationStatus.CONSENTED && s.providerReference() == null) {
            // A retry after the provider was unavailable: consent is on record already. Touching the
            // row makes racing retries conflict on its version, so only one starts at the provider.
            s.retryingStart(now);
            // The earlier start may have reached the provider (its answer lost to a timeout or a
            // crash), spending the session id as order number: the provider refuses it a second time.
            orderNumber = Ids.newId();
        } else if (s.status() == VerificationStatus.CREATED) {
            String version = consents.record(s.id(), s.account(), form, guardian, now).rulesVersion();
            s.moveTo(VerificationStatus.CONSENTED, now);
            audit.record(BROWSER, END_USER, AuditEventType.SESSION_CONSENTED, VerificationService.TABLE, s.id(), version);
        } else {
            throw new GatewayException(ErrorCode.SESSION_STATE, "This verification is already being started");
        }
        sessions.flush();
        return new ConsentStep(new VerificationStart(s.id(), orderNumber, identity.name(), identity.idNumber(),
                URI.create(verifications.base() + "/verify/" + s.id() + "/return")), null);
    }

    /**
     * Handles the browser coming back from the provider: asks the provider (never trusts the
     * browser) and sends the browser on to the platform.
     */
    public Finished completeReturn(String sessionId, String browserSecret) {
        VerificationSession s = QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession found = boundSession(sessionId, browserSecret);
            verifications.expireOnAccess(found, now());
            // Only a return that is answered (not refused below) is on record.
            if (found.status() == VerificationStatus.PENDING || found.status().isFinal()) {
                audit.record(BROWSER, END_USER, AuditEventType.SESSION_RETURNED, VerificationService.TABLE, found.id(),
                        found.status().name());
            }
            return found;
        });
        VerificationStatus status = s.status();
        if (status == VerificationStatus.PENDING) {
            status = settler.settlePending(sessionId, s.providerReference(), false);
        } else if (!status.isFinal()) {
            throw new GatewayException(ErrorCode.SESSION_STATE, "This verification has not been started at the provider");
        }
        return new Finished(status, platformRedirect(s.returnUrl(), sessionId, status));
    }

    /** For a session already at the provider: its page, and the app link for a QR code. */
    public Handoff handoff(String sessionId, String browserSecret) {
        VerificationSession s = QuarkusTransaction.requiringNew().call(() -> {
            VerificationSession found = boundSession(sessionId, browserSecret);
            verifications.expireOnAccess(found, now());
            return found;
        });
        if (s.status() != VerificationStatus.PENDING || s.providerRedirectUrl() == null) {
            requireOpen(s);
            throw new GatewayException(ErrorCode.SESSION_STATE, "This verification has not been started at the provider");
        }
        URI page = URI.create(s.providerRedirectUrl());
        return new Handoff(s.id(), page, provider.appLink(page));
    }

    /**
     * Whether a racing request changed the row first: the version check fails at flush (an
     * {@link OptimisticLockException}) or, on PostgreSQL, at commit, where the transaction
     * manager wraps it in a rollback exception.
     */
    static boolean lostARace(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof GatewayException) {
                return false;
            }
            if (c instanceof OptimisticLockException || c instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    static URI platformRedirect(String returnUrl, String sessionId, VerificationStatus status) {
        String fragment = "";
        String base = returnUrl;
        int hash = returnUrl.indexOf('#');
        if (hash >= 0) {
            fragment = returnUrl.substring(hash);
            base = returnUrl.substring(0, hash);
        }
        String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return URI.create(base + sep + "verification_id=" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8)
                + "&status=" + status.name() + fragment);
    }

    private VerificationSession boundSession(String sessionId, String browserSecret) {
        VerificationSession s;
        try {
            s = verifications.load(sessionId);
        } catch (GatewayException e) {
            throw new GatewayException(ErrorCode.LINK_INVALID, "This link is not valid");
        }
        if (!Hashes.matches(browserSecret, s.browserBindingHash())) {
            // A replayed or cross-session request: refused, nothing changes, and it is on record.
            LOG.warnf("security: refused a browser request for session %s without its binding (%s)",
                    s.id(), browserSecret == null ? "no cookie" : "wrong cookie");
            audit.recordSeparately(BROWSER, END_USER, AuditEventType.BROWSER_REQUEST_REFUSED, VerificationService.TABLE,
                    s.id(), browserSecret == null ? "no-cookie" : "wrong-cookie");
            throw new GatewayException(ErrorCode.FOREIGN_LINK,
                    "This verification was opened in another browser; open the link you received there");
        }
        return s;
    }

    /**
     * The identity this session verifies. For REVERIFY it is the identity bound to the account,
     * which the session was given (sealed) at creation, so a minor's age is known there too.
     */
    private Identity identityOf(VerificationSession s) {
        return sealer.open(s.account(), new SealedIdentity(s.identityKeyId(), s.sealedName().ciphertext(),
                s.sealedIdNumber().ciphertext(), s.idNumberIndex()), VerificationService.TABLE, s.id());
    }

    /**
     * A session found overdue here is refused, and this request's transaction rolls back; the
     * expiry and its audit entry are kept in a transaction of their own, so they are on record
     * now rather than at the next sweep.
     */
    private void expireOrRequireOpen(VerificationSession s, Instant now) {
        if (VerificationService.applyExpiry(s, now)) {
            verifications.expireSeparately(s.id());
        }
        requireOpen(s);
    }

    private static void requireOpen(VerificationSession s) {
        if (s.status() == VerificationStatus.EXPIRED) {
            throw new GatewayException(ErrorCode.SESSION_EXPIRED, "This verification has expired; start again from the app");
        }
        if (s.status().isFinal()) {
            throw new GatewayException(ErrorCode.SESSION_FINAL, "This verification is already finished");
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
