package org.realname.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The canonical form of a checkpoint, the exact bytes signed with SM3withSM2 (default user ID):
 *
 * <pre>
 * realname-gateway audit checkpoint v1\n
 * &lt;checkpoint number&gt;\n
 * &lt;seq of the entry covered&gt;\n
 * &lt;that entry's chain hash, 64 lower-case hex&gt;\n
 * &lt;created at, yyyy-MM-ddTHH:mm:ss.SSSZ (UTC)&gt;\n
 * &lt;signing key id&gt;\n
 * </pre>
 * UTF-8 (all of it is ASCII). The first line names the format, so a checkpoint signature can
 * never be mistaken for a receipt signature made with the same key.
 */
public final class AuditCheckpoint {

    static final String FORMAT = "realname-gateway audit checkpoint v1";
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AuditCheckpoint() {
    }

    public static byte[] canonical(long number, long seq, String headHash, Instant createdAt, String keyId) {
        String text = FORMAT + "\n" + number + "\n" + seq + "\n" + headHash + "\n"
                + (createdAt == null ? "" : MILLIS.format(createdAt)) + "\n" + keyId + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
