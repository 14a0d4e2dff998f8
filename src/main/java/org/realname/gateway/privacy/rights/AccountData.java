package org.realname.gateway.privacy.rights;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.realname.gateway.consent.ConsentRecord;
import org.realname.gateway.privacy.retention.SecurityLog;
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

    public List<VerificationSession> sessions(String account) {
        return em.createQuery("from VerificationSession where accountId = :a order by createdAt desc, id",
                VerificationSession.class).setParameter("a", account).getResultList();
    }

    public List<VerificationResult> results(String account) {
        return em.createQuery("from VerificationResult where accountId = :a order by verifiedAt desc, id",
                VerificationResult.class).setParameter("a", account).getResultList();
    }

    public List<ConsentRecord> consents(String account) {
        return em.createQuery("select c from ConsentRecord c, VerificationSession s where c.sessionId = s.id "
                + "and s.accountId = :a order by c.consentedAt desc, c.id", ConsentRecord.class)
                .setParameter("a", account).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> withdrawals(String account) {
        return em.createNativeQuery("SELECT id, withdrawn_at, actor, channel, sessions_canceled FROM consent_withdrawal "
                + "WHERE account_id = ?1 ORDER BY withdrawn_at DESC, id").setParameter(1, account).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> securityEvents(String account) {
        // Rows still queued for their batch are part of what is held.
        securityLog.flush();
        return em.createNativeQuery("SELECT e.occurred_at, e.session_id, e.kind, e.http_status, e.client_ip, e.user_agent "
                + "FROM security_event e JOIN verification_session s ON s.id = e.session_id WHERE s.account_id = ?1 "
                + "ORDER BY e.occurred_at DESC, e.id").setParameter(1, account).getResultList();
    }

    /** Whether anything at all is held: a session, or the tombstone of a destroyed data key. */
    public boolean known(String account) {
        Number n = (Number) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM verification_session WHERE account_id = ?1) "
                + "+ (SELECT COUNT(*) FROM account_key WHERE account_id = ?1)").setParameter(1, account).getSingleResult();
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
    public List<String> lockOpenSessions(String account) {
        return em.createNativeQuery("SELECT id FROM verification_session WHERE account_id = ?1 AND status IN "
                + OPEN_STATES + " ORDER BY id FOR UPDATE").setParameter(1, account).getResultList();
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
    public int markErased(String account, Instant now) {
        return em.createNativeQuery("UPDATE verification_result SET status = 'ERASED', erased_at = ?1, "
                + "id_number_index = NULL, receipt_signature = NULL WHERE account_id = ?2 AND status <> 'ERASED'")
                .setParameter(1, now).setParameter(2, account).executeUpdate();
    }

    /** Clears every session copy of the identity (ciphertexts, blind index) and the sealed link token. */
    public int clearSessionIdentity(String account) {
        return em.createNativeQuery("UPDATE verification_session SET name_ciphertext = NULL, id_number_ciphertext = NULL, "
                + "id_number_index = NULL, link_token_ciphertext = NULL, request_fingerprint = NULL, version = version + 1 "
                + "WHERE account_id = ?1 AND (name_ciphertext IS NOT NULL OR id_number_ciphertext IS NOT NULL "
                + "OR id_number_index IS NOT NULL OR link_token_ciphertext IS NOT NULL OR request_fingerprint IS NOT NULL)")
                .setParameter(1, account).executeUpdate();
    }

    /**
     * Deletion on request of the account's troubleshooting data: its security-log rows (client
     * address, user agent) and the provider page addresses of its sessions. The return URL and
     * browser binding stay, so a browser still coming back is answered (its session is final).
     *
     * @return security-log rows deleted
     */
    public int deleteTroubleshooting(String account) {
        // Queued rows first, or they would land after the deletion.
        securityLog.flush();
        em.createNativeQuery("UPDATE verification_session SET provider_redirect_url = NULL, version = version + 1 "
                + "WHERE account_id = ?1 AND provider_redirect_url IS NOT NULL").setParameter(1, account).executeUpdate();
        return em.createNativeQuery("DELETE FROM security_event WHERE session_id IN "
                + "(SELECT id FROM verification_session WHERE account_id = ?1)").setParameter(1, account).executeUpdate();
    }

    public void insertWithdrawal(String id, String account, Instant at, String actor, String channel, int canceled) {
        em.createNativeQuery("INSERT INTO consent_withdrawal (id, account_id, withdrawn_at, actor, channel, sessions_canceled) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, id).setParameter(2, account).setParameter(3, at)
                .setParameter(4, actor).setParameter(5, channel).setParameter(6, canceled).executeUpdate();
    }

    /** Whether an earlier erasure of the account already wrote its {@code account.erased} event. */
    public boolean erasureAnnounced(String account) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM webhook_event WHERE account_id = ?1 AND event_type = 'account.erased'")
                .setParameter(1, account).getSingleResult()).longValue() > 0;
    }
}
