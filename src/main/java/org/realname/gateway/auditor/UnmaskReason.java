package org.realname.gateway.auditor;

/**
 * Why an auditor needs to see one record in plain. A fixed list: a free-text reason would go
 * into the audit trail, where free text (and with it personal data) never goes.
 */
public enum UnmaskReason {
    /** The person reported "this was not me" and the dispute is being examined. */
    DISPUTE_REVIEW,
    /** An authority's request, with its reference as the case reference. */
    LAW_ENFORCEMENT_REQUEST,
    /** The person asked for their own data (access, correction). */
    DATA_SUBJECT_REQUEST,
    /** A security incident is being handled. */
    INCIDENT
}
