package org.realname.gateway.audit;

/** What happened. Stable names: auditors filter and export by them. */
public enum AuditEventType {
    SESSION_CREATED, SESSION_CONSENTED, SESSION_REDIRECTED, SESSION_RETURNED, SESSION_FINISHED, SESSION_EXPIRED,
    SESSION_CANCELED, PROVIDER_ERROR, BROWSER_REQUEST_REFUSED, ATTEMPT_REFUSED, RESULT_READ, RECEIPT_ISSUED,
    AUDIT_QUERIED, AUDIT_VERIFIED, EXPORT, ERASURE, DISPUTE, KEY_ROTATED, RETENTION_PURGE, CONFIGURATION_CHANGED,
    CONSENT_WITHDRAWN, RECORD_UNMASKED, CHECKPOINT_WRITTEN, HISTORY_READ, KEY_SHREDDED,
    WEBHOOK_SUBSCRIBED, WEBHOOK_DELETED, WEBHOOK_SECRET_ROTATED, WEBHOOK_PINGED, WEBHOOK_REPLAYED,
    /** A person's complaint or request: received, its text read by an operator, answered, or past its due date unanswered. */
    COMPLAINT_RECEIVED, COMPLAINT_READ, COMPLAINT_ANSWERED, COMPLAINT_OVERDUE,
    /** A read or change of another tenant's record, answered as "not found"; record type and id, nothing personal. */
    ACCESS_REFUSED
}
