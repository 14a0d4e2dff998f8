package org.realname.gateway.audit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Reading a dump as PostgreSQL and H2 write it: quoting, NULL versus empty, time zones. */
class DumpFilesTest {

    @Test
    void postgresTimes_inAnyOffset_readAsTheSameInstant() {
        Instant t = Instant.parse("2026-12-02T05:02:49.604Z");
        assertEquals(t, DumpFiles.time("2026-12-02 05:02:49.604+00"));
        assertEquals(t, DumpFiles.time("2026-12-02 13:02:49.604+08"));
        assertEquals(t, DumpFiles.time("2026-12-02 10:32:49.604+05:30"));
        assertEquals(t, DumpFiles.time("2026-12-02T05:02:49.604Z"));
        assertEquals(Instant.parse("2026-12-02T05:02:49Z"), DumpFiles.time("2026-12-02 05:02:49+00"));
    }

    @Test
    void anUnreadableTime_isNull_andTheCheckCallsTheEntryMalformed() {
        assertNull(DumpFiles.time("yesterday"));
        assertNull(DumpFiles.time(null));
    }

    @Test
    void quotedFields_keepCommasQuotesAndNewlines_andAnUnquotedEmptyFieldIsNull() throws Exception {
        String csv = "a,b,c\n1,\"x,y\",\n2,\"say \"\"hi\"\"\",\"\"\n3,\"two\nlines\",z\n";
        try (CsvRows rows = new CsvRows(new BufferedReader(new StringReader(csv)), "a", "b", "c")) {
            CsvRows.Row r1 = rows.next();
            assertEquals("x,y", r1.get("b"));
            assertNull(r1.get("c"));
            CsvRows.Row r2 = rows.next();
            assertEquals("say \"hi\"", r2.get("b"));
            assertEquals("", r2.get("c"));
            CsvRows.Row r3 = rows.next();
            assertEquals("two\nlines", r3.get("b"));
            assertEquals("z", r3.get("c"));
            assertEquals(false, rows.hasNext());
        }
    }
}
