package org.realname.gateway.auditor;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.result.Outcome;
import org.realname.gateway.result.ResultStatus;
import org.realname.gateway.shared.Purpose;

/**
 * What an auditor asked for, validated. Every filter is optional. A bad value is refused with
 * {@code 400 invalid-filter} naming the parameter, never echoing the value (it could be anything).
 *
 * @param from inclusive lower bound of the event or verification time
 * @param to exclusive upper bound
 * @param outcome an event's outcome as recorded (free identifier), or a result's PASS/FAIL
 */
public record Filters(Instant from, Instant to, String account, String outcome, Purpose purpose, String provider,
        AuditEventType eventType, ResultStatus status, String tenant) {

    public Filters(Instant from, Instant to, String account, String outcome, Purpose purpose, String provider,
            AuditEventType eventType, ResultStatus status) {
        this(from, to, account, outcome, purpose, provider, eventType, status, null);
    }

    /**
     * These filters limited to the auditor's tenant ({@code null}: an auditor of every tenant).
     * Not a query parameter: it comes from the auditor's token ({@code docs/tenants.md}).
     */
    public Filters withTenant(String auditorTenant) {
        return new Filters(from, to, account, outcome, purpose, provider, eventType, status, auditorTenant);
    }

    /** Account ids, provider ids and event outcomes are identifiers: the audit trail's safe set, at most 64 long. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:@/+-]{1,64}");

    public static final Filters NONE = new Filters(null, null, null, null, null, null, null, null);

    /** Parses the raw query parameters (null or blank = not given). */
    public static Filters parse(String from, String to, String account, String outcome, String purpose, String provider,
            String eventType, String status) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            throw invalid("from must be before to");
        }
        return new Filters(f, t, identifier("account", account), identifier("outcome", outcome),
                enumValue("purpose", purpose, Purpose.class), identifier("provider", provider),
                enumValue("event_type", eventType, AuditEventType.class), enumValue("status", status, ResultStatus.class));
    }

    /** The result outcome, which unlike an event's outcome is an enum. */
    Outcome resultOutcome() {
        return outcome == null ? null : enumValue("outcome", outcome, Outcome.class);
    }

    static GatewayException invalid(String detail) {
        return new GatewayException(ErrorCode.INVALID_FILTER, detail);
    }

    private static boolean absent(String v) {
        return v == null || v.isBlank();
    }

    private static Instant instant(String name, String v) {
        if (absent(v)) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static String identifier(String name, String v) {
        if (absent(v)) {
            return null;
        }
        if (!IDENTIFIER.matcher(v).matches()) {
            throw invalid(name + " must be 1-64 characters of letters, digits and ._:@/+-");
        }
        return v;
    }

    static <E extends Enum<E>> E enumValue(String name, String v, Class<E> type) {
        if (absent(v)) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(name + " is not one of the known values");
        }
    }
}
