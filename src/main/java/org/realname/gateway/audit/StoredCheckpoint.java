package org.realname.gateway.audit;

import java.time.Instant;

/** One checkpoint row as read back from the database or from a dump, before any check. */
public record StoredCheckpoint(long number, long seq, String headHash, Instant createdAt, String keyId,
        String signatureHex) {

    /** The bytes that were signed; see {@link AuditCheckpoint#canonical}. */
    public byte[] signedBytes() {
        return AuditCheckpoint.canonical(number, seq, headHash, createdAt, keyId);
    }
}
