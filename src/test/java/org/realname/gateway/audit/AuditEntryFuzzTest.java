package org.realname.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;

import org.realname.gateway.support.FuzzValues;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The audit entry's canonical form, which the hash chain covers: an entry is refused
 * ({@code IllegalArgumentException}) or its canonical form reads back to exactly the same entry,
 * so two different entries never hash alike (a changed row always breaks the chain). The form
 * is read back here by its documented layout, independently of the code that writes it.
 */
class AuditEntryFuzzTest {

    @FuzzTest
    void canonicalFormReadsBackToTheSameEntry(FuzzedDataProvider data) {
        AuditEntry entry;
        try {
            entry = new AuditEntry(data.consumeLong(), FuzzValues.instant(data), FuzzValues.identifier(data),
                    FuzzValues.identifier(data), data.pickValue(AuditEventType.values()), FuzzValues.identifier(data),
                    FuzzValues.identifier(data), FuzzValues.identifier(data));
        } catch (IllegalArgumentException refused) {
            return;
        }
        String canonical = entry.canonical();
        assertEquals(canonical, entry.canonical(), "the canonical form is deterministic");
        assertEquals(entry, readBack(canonical), "the canonical form holds every field exactly");
        assertNotEquals(AuditChain.link(AuditChain.GENESIS, entry), AuditChain.link("1".repeat(64), entry),
                "the previous hash is part of the link");
    }

    /** {@code seq \n time \n actor \n role \n type \n record_type \n record_id \n outcome \n}, absent as empty. */
    private static AuditEntry readBack(String canonical) {
        String[] l = canonical.split("\n", -1);
        assertEquals(9, l.length, "eight lines, each ending in a line feed");
        assertEquals("", l[8]);
        return new AuditEntry(Long.parseLong(l[0]), Instant.parse(l[1]), l[2], l[3], AuditEventType.valueOf(l[4]),
                orNull(l[5]), orNull(l[6]), orNull(l[7]));
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
