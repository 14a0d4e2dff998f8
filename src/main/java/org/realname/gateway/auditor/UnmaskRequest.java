package org.realname.gateway.auditor;

import java.util.regex.Pattern;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stated reason for one unmasking: a reason code and the case it belongs to (a ticket or
 * file number such as {@code CASE-2026/0042}). Both go into the audit trail as they are.
 */
public record UnmaskRequest(@JsonProperty("reason") UnmaskReason reason,
        @JsonProperty("case_reference") String caseReference) {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    /** Refuses a missing reason or a reference outside the safe set (free text). */
    static UnmaskRequest require(UnmaskRequest r) {
        if (r == null || r.reason() == null) {
            throw new GatewayException(ErrorCode.REASON_REQUIRED, "reason must be one of DISPUTE_REVIEW, "
                    + "LAW_ENFORCEMENT_REQUEST, DATA_SUBJECT_REQUEST, INCIDENT");
        }
        if (r.caseReference() == null || !REFERENCE.matcher(r.caseReference()).matches()) {
            throw new GatewayException(ErrorCode.REASON_REQUIRED,
                    "case_reference must be 1-64 characters of letters, digits and ._:/- (no free text)");
        }
        return r;
    }

    /** As recorded in the entry's outcome. */
    String auditOutcome() {
        return reason.name() + ":" + caseReference;
    }
}
