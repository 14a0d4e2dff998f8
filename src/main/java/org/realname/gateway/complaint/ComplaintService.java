package org.realname.gateway.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.IdentityCipher;
import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.util.Ids;

import io.quarkus.runtime.Startup;

/**
 * Complaints and requests about a person's data: filed by the person, listed for them and for
 * the operators of their tenant, answered by an operator. Every step is on the audit trail by id,
 * kind and status; the person's words are sealed under their data key and appear nowhere else.
 * Built at start, so unusable working-day settings refuse to start.
 */
@ApplicationScoped
@Startup
public class ComplaintService {

    static final String TABLE = "complaint";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final String ID_PATTERN = "[0-9a-f]{32}";
    private static final Logger LOG = Logger.getLogger(ComplaintService.class);

    private final ComplaintStore store;
    private final IdentityCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final WorkingDays workingDays;

    public ComplaintService(ComplaintStore store, IdentityCipher cipher, AuditTrail audit, Clock clock,
            ComplaintsConfig config) {
        this.store = store;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        try {
            this.workingDays = WorkingDays.of(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Refusing to start, complaints: " + e.getMessage(), e);
        }
        int year = Instant.now(clock).atZone(WorkingDays.CHINA).getYear();
        if (!workingDays.hasHolidaysIn(year)) {
            // Deadlines then count public holidays as working days: too early, never too late.
            LOG.warnf("gateway.complaints.holidays lists no public holiday in %d: complaint deadlines count "
                    + "holidays as working days until it is filled in (docs/operations.md \"Complaints\")", year);
        }
    }

    /** The working-day rules in force. */
    public WorkingDays workingDays() {
        return workingDays;
    }

    /**
     * Files a complaint for {@code account}.
     *
     * @param actor the audit actor, role {@code role}
     */
    @Transactional
    public ComplaintView file(AccountRef account, String actor, String role, String rawKind, String rawText) {
        ComplaintKind kind = ComplaintKind.parse(rawKind).orElseThrow(() -> new GatewayException(ErrorCode.INVALID_REQUEST,
                "kind must be one of COMPLAINT, ACCESS, CORRECTION, DELETION, EXPLANATION, OTHER"));
        String text = ComplaintText.check(rawText);
        String id = Ids.newId();
        Instant now = now();
        SealedValue sealed = text == null ? null : cipher.seal(account, text, Complaint.textAad(id));
        Complaint c = new Complaint(id, account, kind, ComplaintStatus.RECEIVED, now, workingDays.dueAt(now), null, null,
                sealed);
        store.insert(c);
        audit.record(actor, role, AuditEventType.COMPLAINT_RECEIVED, TABLE, id, "kind:" + kind.name().toLowerCase(Locale.ROOT));
        return ComplaintView.of(c, now, text);
    }

    /** The account's own complaints with their words, newest first. */
    @Transactional
    public List<ComplaintView> mine(AccountRef account) {
        List<Complaint> rows = store.ofAccount(account, MAX_LIMIT);
        Instant now = now();
        List<String> texts = texts(account, rows);
        List<ComplaintView> views = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            views.add(ComplaintView.of(rows.get(i), now, texts.get(i)));
        }
        return views;
    }

    /** A tenant's complaints for its operators, without their words, the earliest due first. */
    @Transactional
    public List<AdminComplaintView> list(String tenant, String overdue, String limit) {
        boolean overdueOnly = parseOverdue(overdue);
        Instant now = now();
        return store.ofTenant(tenant, overdueOnly, now, parseLimit(limit)).stream()
                .map(c -> AdminComplaintView.of(c, now, null)).toList();
    }

    /** One complaint of the operator's tenant with its words; the reading is audited. */
    @Transactional
    public AdminComplaintView read(String tenant, String id, String actor, String role) {
        Complaint c = ofTenant(tenant, id, false, actor, role);
        String text = texts(c.account(), List.of(c)).get(0);
        audit.record(actor, role, AuditEventType.COMPLAINT_READ, TABLE, c.id(), text == null ? "no-text" : "text");
        return AdminComplaintView.of(c, now(), text);
    }

    /** Records that the complaint was answered; answering it again changes nothing. */
    @Transactional
    public AdminComplaintView answer(String tenant, String id, String actor, String role) {
        Complaint c = ofTenant(tenant, id, true, actor, role);
        Instant now = now();
        if (c.status() == ComplaintStatus.ANSWERED) {
            return AdminComplaintView.of(c, now, null);
        }
        if (!store.markAnswered(c.id(), now, actor)) {
            // The row is locked and was RECEIVED: nobody else can have answered it.
            throw new IllegalStateException("a locked, received complaint could not be marked answered");
        }
        audit.record(actor, role, AuditEventType.COMPLAINT_ANSWERED, TABLE, c.id(),
                now.isBefore(c.dueAt()) ? "in-time" : "late");
        Complaint answered = new Complaint(c.id(), c.account(), c.kind(), ComplaintStatus.ANSWERED, c.receivedAt(),
                c.dueAt(), now, actor, c.text());
        return AdminComplaintView.of(answered, now, null);
    }

    private Complaint ofTenant(String tenant, String id, boolean lock, String actor, String role) {
        Complaint c = id == null || !id.matches(ID_PATTERN) ? null : store.find(id, lock).orElse(null);
        if (c != null && !c.account().tenant().equals(tenant)) {
            // Another tenant's complaint: the same answer as a missing one, and the refusal on record.
            audit.recordSeparately(actor, role, AuditEventType.ACCESS_REFUSED, TABLE, c.id(), "tenant:" + tenant);
            c = null;
        }
        if (c == null) {
            throw new GatewayException(ErrorCode.COMPLAINT_NOT_FOUND, "There is no complaint with this id");
        }
        return c;
    }

    /** The opened texts in the order of {@code rows}; nulls where there is none or the account was erased. */
    private List<String> texts(AccountRef account, List<Complaint> rows) {
        List<String> texts = new ArrayList<>(rows.size());
        rows.forEach(r -> texts.add(null));
        if (rows.stream().noneMatch(r -> r.text() != null) || cipher.isErased(account)) {
            return texts;
        }
        List<IdentityCipher.Sealed> sealed = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).text() != null) {
                sealed.add(new IdentityCipher.Sealed(rows.get(i).text(), Complaint.textAad(rows.get(i).id())));
                at.add(i);
            }
        }
        List<String> opened = cipher.openAll(account, sealed);
        for (int i = 0; i < at.size(); i++) {
            texts.set(at.get(i), opened.get(i));
        }
        return texts;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    static boolean parseOverdue(String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new GatewayException(ErrorCode.INVALID_FILTER, "overdue must be true or false");
    }

    static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new GatewayException(ErrorCode.INVALID_FILTER, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
