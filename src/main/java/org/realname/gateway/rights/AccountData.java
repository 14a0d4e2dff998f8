package org.realname.gateway.rights;

import org.realname.gateway.tenant.AccountRef;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.realname.gateway.consent.ConsentRecord;
import org.realname.gateway.retention.SecurityLog;
import org.realname.gateway.result.VerificationResult;
import org.realname.gateway.session.VerificationSession;

/**
 * What the gateway holds about one account, and the few changes the rights make to it. The
 * changes are plain SQL statements with the expected state in their {@code WHERE} clause, so a
 * concurrent change is never overwritten: the row lock makes one of them win.
 */
@ApplicationScoped
public class AccountData {

    /** Session states a right may still cancel; they are exactly those that may move to CANCELED. */
    static final String OPEN_STATES = "('CREATED', 'CONSENTED', 'PENDING')";

    private final EntityManager em;
    private final SecurityLog securityLog;

    public AccountData(EntityManager em, SecurityLog securityLog) {
        this.em = em;
        this.securityLog = securityLog;
    }

    public List<VerificationSession> sessions(AccountRef account) {
        return em.createQuery("from VerificationSession where tenantId = :t and accountId = :a order by createdAt desc, id",
                VerificationSession.class).setParameter("t", account.tenant()).setParameter("a", account.accountId()).getResultList();
    }

    public List<VerificationResult> results(AccountRef account) {
        return em.createQuery("from VerificationResult where tenantId = :t and accountId = :a order by verifiedAt desc, id",
                VerificationResult.class).setParameter("t", account.tenant()).setParameter("a", account.accountId()).getResultList();
    }

    public List<ConsentRecord> consents(AccountRef account) {
        return em.createQuery("select c from ConsentRecord c, VerificationSession s where c.sessionId = s.id "
                + "and s.tenantId = :t and s.accountId = :a order by c.consentedAt desc, c.id", ConsentRecord.class)
                .setParameter("t", account.tenant()).setParameter("a", account.accountId()).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> withdrawals(AccountRef account) {
        return em.createNativeQuery("SELECT id, withdrawn_at, actor, channel, sessions_canceled FROM consent_withdrawal "
                + "WHERE tenant_id = :t AND account_id = :a ORDER BY withdrawn_at DESC, id").setParameter("t", account.tenant()).setParameter("a", account.accountId()).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> securityEvents(AccountRef account) {
        // Rows still queued for their batch are part of what is held.
        securityLog.flush();
        return em.createNativeQuery("SELECT e.occurred_at, e.session_id, e.kind, e.http_status, e.client_ip, e.user_agent "
                + "FROM security_event e JOIN verification_session s ON s.id = e.session_id WHERE s.tenant_id = :t AND s.account_id = :a "
                + "ORDER BY e.occurred_at DESC, e.id").setParameter("t", account.tenant()).setParameter("a", account.accountId()).getResultList();
    }

    /** Whether anything at all is held: a session, or the tombstone of a destroyed data key. */
    public boolean known(AccountRef account) {
        Number n = (Number) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM verification_session WHERE tenant_id = :t AND account_id = :a) "
                + "+ (SELECT COUNT(*) FROM account_key WHERE tenant_id = :t AND account_id = :a)").setParameter("t", account.tenant()).setParameter("a", account.accountId()).getSingleResult();
        return n.longValue() > 0;
    }

    /** Whether the account has a result flagged {@code minor} that is not erased yet. */
    public boolean hasMinorResult(AccountRef account) {
        Number n = (Number) em.createNativeQuery("SELECT COUNT(*) FROM verification_result WHERE tenant_id = :t AND account_id = :a "
                + "AND minor = TRUE AND erased_at IS NULL").setParameter("t", account.tenant()).setParameter("a", account.accountId())
                .getSingleResult();
        return n.longValue() > 0;
    }

    /** The result of verification (session) {@code sessionId}, row-locked, or null. */
    public VerificationResult lockResult(String sessionId) {
        return em.createQuery("from VerificationResult where sessionId = :s", VerificationResult.class)
                .setParameter("s", sessionId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
    }

    /** Ids of the account's sessions that are not final, row-locked until commit. */
    @SuppressWarnings("unchecked")
    public List<String> lockOpenSessions(AccountRef account) {
        return em.createNativeQuery("SELECT id FROM verification_session WHERE tenant_id = :t AND account_id = :a AND status IN "
                + OPEN_STATES + " ORDER BY id FOR UPDATE").setParameter("t", account.tenant()).setParameter("a", account.accountId()).getResultList();
    }

    /** Cancels one session if it is still open; {@code reason} goes to its error code. */
    public boolean cancel(String sessionId, String reason, Instant now) {
        return em.createNativeQuery("UPDATE verification_session SET status = 'CANCELED', error_code = ?1, updated_at = ?2, "
                + "finished_at = ?2, name_ciphertext = NULL, id_number_ciphertext = NULL, link_token_ciphertext = NULL, "
                + "reconcile_claimed_until = NULL, reconcile_claimed_by = NULL, version = version + 1 "
                + "WHERE id = ?3 AND status IN " + OPEN_STATES)
                .setParameter(1, reason).setParameter(2, now).setParameter(3, sessionId).executeUpdate() == 1;
    }

    public boolean markDisputed(String resultId, Instant now) {
        return em.createNativeQuery("UPDATE verification_result SET status = 'DISPUTED', disputed_at = ?1 "
                + "WHERE id = ?2 AND status = 'VALID'").setParameter(1, now).setParameter(2, resultId).executeUpdate() == 1;
    }

    /**
     * Marks every result of the account ERASED and unlinks it from the ID number: the blind index
     * and the stored receipt signature (which covers the index) are cleared.
     *
     * @return how many results were not erased before
     */
    public int markErased(AccountRef account, Instant now) {
        return em.createNativeQuery("UPDATE verification_result SET status = 'ERASED', erased_at = :now, "
                + "id_number_index = NULL, receipt_signature = NULL WHERE tenant_id = :t AND account_id = :a AND status <> 'ERASED'")
                .setParameter("now", now).setParameter("t", account.tenant()).setParameter("a", account.accountId()).executeUpdate();
    }

    /** Clears every session copy of the identity (ciphertexts, blind index) and the sealed link token. */
    public int clearSessionIdentity(AccountRef account) {
        return em.createNativeQuery("UPDATE verification_session SET name_ciphertext = NULL, id_number_ciphertext = NULL, "
                + "id_number_index = NULL, link_token_ciphertext = NULL, request_fingerprint = NULL, version = version + 1 "
                + "WHERE tenant_id = :t AND account_id = :a AND (name_ciphertext IS NOT NULL OR id_number_ciphertext IS NOT NULL "
                + "OR id_number_index IS NOT NULL OR link_token_ciphertext IS NOT NULL OR request_fingerprint IS NOT NULL)")
                .setParameter("t", account.tenant()).setParameter("a", account.accountId()).executeUpdate();
    }

    /**
     * Deletion on request of the account's troubleshooting data: its security-log rows (client
     * address, user agent) and the provider page addresses of its sessions. The return URL and
     * browser binding stay, so a browser still coming back is answered (its session is final).
     *
     * @return security-log rows deleted
     */
    public int deleteTroubleshooting(AccountRef account) {
        // Queued rows first, or they would land after the deletion.
        securityLog.flush();
        em.createNativeQuery("UPDATE verification_session SET provider_redirect_url = NULL, version = version + 1 "
                + "WHERE tenant_id = :t AND account_id = :a AND provider_redirect_url IS NOT NULL").setParameter("t", account.tenant()).setParameter("a", account.accountId()).executeUpdate();
        return em.createNativeQuery("DELETE FROM security_event WHERE session_id IN "
                + "(SELECT id FROM verification_session WHERE tenant_id = :t AND account_id = :a)").setParameter("t", account.tenant()).setParameter("a", account.accountId()).executeUpdate();
    }

    public void insertWithdrawal(String id, AccountRef account, Instant at, String actor, String channel, int canceled) {
        em.createNativeQuery("INSERT INTO consent_withdrawal (id, tenant_id, account_id, withdrawn_at, actor, channel, "
                + "sessions_canceled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, id).setParameter(2, account.tenant())
                .setParameter(3, account.accountId()).setParameter(4, at)
                .setParameter(5, actor).setParameter(6, channel).setParameter(7, canceled).executeUpdate();
    }

    /** Whether an earlier erasure of the account already wrote its {@code account.erased} event. */
    public boolean erasureAnnounced(AccountRef account) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM webhook_event WHERE tenant_id = :t AND account_id = :a AND event_type = 'account.erased'")
                .setParameter("t", account.tenant()).setParameter("a", account.accountId()).getSingleResult()).longValue() > 0;
    }
}
