package org.realname.gateway.auditor;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One result's identity in plain, for the auditor who stated why. Never cached, never logged. */
public record UnmaskedResult(@JsonProperty("id") String id, @JsonProperty("account_id") String accountId,
        @JsonProperty("name") String name, @JsonProperty("id_number") String idNumber,
        @JsonProperty("reason") UnmaskReason reason, @JsonProperty("case_reference") String caseReference,
        @JsonProperty("audit_seq") long auditSeq) {

    UnmaskedResult withAuditSeq(long seq) {
        return new UnmaskedResult(id, accountId, name, idNumber, reason, caseReference, seq);
    }

    @Override
    public String toString() {
        return "UnmaskedResult[" + id + "]";
    }
}
