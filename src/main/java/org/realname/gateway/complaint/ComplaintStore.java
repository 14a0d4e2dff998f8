package org.realname.gateway.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.util.Instants;

/** The complaint rows. Call inside a transaction. */
@ApplicationScoped
public class ComplaintStore {

    private static final String COLUMNS = "id, tenant_id, account_id, kind, status, received_at, due_at, answered_at, "
            + "answered_by, text_key_id, text_ciphertext";

    private final EntityManager em;
    private final boolean skipLocked;

    public ComplaintStore(EntityManager em, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.em = em;
        this.skipLocked = dbKind.startsWith("postgres");
    }

    public void insert(Complaint c) {
        // Literal NULLs rather than null parameters: PostgreSQL cannot type an untyped null.
        boolean text = c.text() != null;
        var q = em.createNativeQuery("INSERT INTO complaint (id, tenant_id, account_id, kind, status, received_at, due_at, "
                + "text_key_id, text_ciphertext) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                + (text ? "?8, ?9" : "NULL, NULL") + ")")
                .setParameter(1, c.id()).setParameter(2, c.account().tenant()).setParameter(3, c.account().accountId())
                .setParameter(4, c.kind().name()).setParameter(5, c.status().name()).setParameter(6, c.receivedAt())
                .setParameter(7, c.dueAt());
        if (text) {
            q.setParameter(8, c.text().keyId()).setParameter(9, c.text().ciphertext());
        }
        q.executeUpdate();
    }

    /** The account's complaints, newest first. */
    public List<Complaint> ofAccount(AccountRef account, int limit) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM complaint WHERE tenant_id = ?1 AND account_id = ?2 "
                + "ORDER BY received_at DESC, id LIMIT ?3")
                .setParameter(1, account.tenant()).setParameter(2, account.accountId()).setParameter(3, limit)
                .getResultList());
    }

    /** A tenant's complaints, the earliest due first; only the overdue ones as of {@code now} when asked. */
    public List<Complaint> ofTenant(String tenant, boolean overdueOnly, Instant now, int limit) {
        String where = overdueOnly ? " AND status = 'RECEIVED' AND due_at <= :now" : "";
        var q = em.createNativeQuery("SELECT " + COLUMNS + " FROM complaint WHERE tenant_id = :tenant" + where
                + " ORDER BY due_at, id LIMIT :limit").setParameter("tenant", tenant).setParameter("limit", limit);
        if (overdueOnly) {
            q.setParameter("now", now);
        }
        return rows(q.getResultList());
    }

    /** The complaint, of whatever tenant, locked for an update when {@code lock}. */
    public Optional<Complaint> find(String id, boolean lock) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM complaint WHERE id = ?1" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, id).getResultList()).stream().findFirst();
    }

    /** Marks a received complaint answered; false when it is not RECEIVED any more. */
    public boolean markAnswered(String id, Instant at, String by) {
        return em.createNativeQuery("UPDATE complaint SET status = 'ANSWERED', answered_at = ?1, answered_by = ?2 "
                + "WHERE id = ?3 AND status = 'RECEIVED'")
                .setParameter(1, at).setParameter(2, by).setParameter(3, id).executeUpdate() == 1;
    }

    /**
     * Up to {@code limit} complaints past their due date, unanswered and not reported yet. On
     * PostgreSQL locked rows are skipped, so instances running together take different ones.
     */
    @SuppressWarnings("unchecked")
    public List<String> overdueUnreported(Instant now, int limit) {
        return em.createNativeQuery("SELECT id FROM complaint WHERE status = 'RECEIVED' AND overdue_at IS NULL "
                + "AND due_at <= ?1 ORDER BY due_at, id LIMIT ?2" + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    /**
     * Notes that the complaint was reported overdue. Succeeds for exactly one caller: whoever
     * comes second finds {@code overdue_at} set (or the complaint answered) and changes nothing.
     */
    public boolean markOverdueReported(String id, Instant now) {
        return em.createNativeQuery("UPDATE complaint SET overdue_at = ?1 WHERE id = ?2 AND status = 'RECEIVED' "
                + "AND overdue_at IS NULL AND due_at <= ?1").setParameter(1, now).setParameter(2, id).executeUpdate() == 1;
    }

    /** Unanswered complaints past their due date, in every tenant (the gauge). */
    public long countOverdue(Instant now) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM complaint WHERE status = 'RECEIVED' AND due_at <= ?1")
                .setParameter(1, now).getSingleResult()).longValue();
    }

    private static List<Complaint> rows(List<?> raw) {
        List<Complaint> out = new ArrayList<>(raw.size());
        for (Object o : raw) {
            Object[] r = (Object[]) o;
            SealedValue text = r[9] == null ? null : new SealedValue((String) r[9], (byte[]) r[10]);
            out.add(new Complaint((String) r[0], AccountRef.of((String) r[1], (String) r[2]),
                    ComplaintKind.valueOf((String) r[3]), ComplaintStatus.valueOf((String) r[4]), Instants.of(r[5]),
                    Instants.of(r[6]), Instants.of(r[7]), (String) r[8], text));
        }
        return out;
    }
}
