package org.realname.gateway.audit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.ChainLinks;
import org.realname.gateway.audit.StoredEntry;
import org.realname.gateway.support.FuzzValues;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The auditor's offline check of a dump ({@link AuditDumpCli}, {@link DumpFiles}, {@link CsvRows}):
 * <ul>
 *   <li>any events file is answered with exit code 0 (intact), 1 (broken) or 2 (unreadable),
 *       never with an exception;</li>
 *   <li>a correct chain, written as PostgreSQL's {@code \copy ... CSV HEADER} may write it (any
 *       quoting, column order, time offset), is read back entry for entry and found intact;</li>
 *   <li>with one character of it changed, the dump is found broken or unreadable, unless it still
 *       reads as the same entries, or as the same entries with the last ones gone (which only a
 *       checkpoint can show: documented).</li>
 * </ul>
 */
class AuditDumpFuzzTest {

    private static final String[] COLUMNS = DumpFiles.ENTRY_COLUMNS;
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSx");
    /** Event types in a fixed order (a finding must replay alike); a checkpoint's entry needs a checkpoint. */
    private static final List<AuditEventType> PLAIN = List.of(AuditEventType.values()).stream()
            .filter(t -> t != AuditEventType.CHECKPOINT_WRITTEN).toList();

    private static Path dir;
    private static Path checkpoints;
    private static Path certificates;

    @BeforeAll
    static void files() throws IOException {
        dir = Files.createTempDirectory("audit-dump-fuzz");
        checkpoints = Files.writeString(dir.resolve("checkpoints.csv"), String.join(",", DumpFiles.CHECKPOINT_COLUMNS) + "\n");
        certificates = Files.writeString(dir.resolve("certificates.pem"), "");
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @FuzzTest
    void anyEventsFileIsAnsweredWithAnExitCode(byte[] events) throws IOException {
        DumpRun run = DumpRun.of(Files.write(dir.resolve("events.csv"), events), checkpoints, certificates);
        assertTrue(run.exitCode() >= 0 && run.exitCode() <= 2, "exit code 0, 1 or 2");
        if (run.exitCode() == 0) {
            assertEquals(read(events).size(), run.number("entries_checked"), "every entry read was checked");
        }
    }

    @FuzzTest
    void aWrittenChainReadsBackIntactAndChangesAreFound(FuzzedDataProvider data) throws IOException {
        List<StoredEntry> chain = new ArrayList<>();
        String previous = "0".repeat(64);
        int n = data.consumeInt(1, 4);
        for (int i = 1; i <= n; i++) {
            StoredEntry draft = new StoredEntry(i, Instant.ofEpochMilli(1_764_000_000_000L + data.consumeInt(0, 1 << 30)),
                    safe(data, false), safe(data, false), data.pickValue(PLAIN).name(), safe(data, true), safe(data, true),
                    safe(data, true), previous, null);
            String hash = ChainLinks.link(previous, draft);
            chain.add(new StoredEntry(draft.seq(), draft.occurredAt(), draft.actor(), draft.actorRole(), draft.eventType(),
                    draft.recordType(), draft.recordId(), draft.outcome(), previous, hash));
            previous = hash;
        }
        byte[] csv = csv(chain, data).getBytes(StandardCharsets.UTF_8);
        assertEquals(chain, read(csv), "the written dump reads back entry for entry");
        DumpRun run = DumpRun.of(Files.write(dir.resolve("chain.csv"), csv), checkpoints, certificates);
        assertEquals(0, run.exitCode(), "a correct chain is intact");
        assertEquals(n, run.number("entries_checked"));

        String text = new String(csv, StandardCharsets.UTF_8);
        int at = data.consumeInt(0, text.length() - 1);
        String changed = text.substring(0, at) + data.consumeChar() + text.substring(at + 1);
        byte[] changedCsv = changed.getBytes(StandardCharsets.UTF_8);
        DumpRun after = DumpRun.of(Files.write(dir.resolve("changed.csv"), changedCsv), checkpoints, certificates);
        if (after.exitCode() == 0) {
            List<StoredEntry> seen = read(changedCsv);
            if (seen.size() > chain.size() || !chain.subList(0, seen.size()).equals(seen)) {
                fail("a changed dump that reads as other entries was found intact");
            }
        }
    }

    /** What the reader makes of a file, or the empty list when it cannot read it. */
    private static List<StoredEntry> read(byte[] csv) throws IOException {
        Path file = Files.write(dir.resolve("read.csv"), csv);
        List<StoredEntry> all = new ArrayList<>();
        try {
            for (Iterator<StoredEntry> it = DumpFiles.entries(file); it.hasNext(); ) {
                all.add(it.next());
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException unreadable) {
            return List.of();
        }
        return all;
    }

    /** Header and rows, columns in a fuzzed order, each value quoted or not, times in a fuzzed offset. */
    private static String csv(List<StoredEntry> chain, FuzzedDataProvider data) {
        List<String> order = new ArrayList<>(List.of(COLUMNS));
        java.util.Collections.rotate(order, data.consumeInt(0, COLUMNS.length - 1));
        StringBuilder out = new StringBuilder(String.join(",", order)).append('\n');
        for (StoredEntry e : chain) {
            List<String> fields = new ArrayList<>();
            for (String column : order) {
                String v = switch (column) {
                    case "seq" -> String.valueOf(e.seq());
                    case "occurred_at" -> data.consumeBoolean() ? e.occurredAt().toString()
                            : PG.format(e.occurredAt().atOffset(ZoneOffset.ofHours(data.consumeInt(-12, 14))));
                    case "actor" -> e.actor();
                    case "actor_role" -> e.actorRole();
                    case "event_type" -> e.eventType();
                    case "record_type" -> e.recordType();
                    case "record_id" -> e.recordId();
                    case "outcome" -> e.outcome();
                    case "prev_hash" -> e.prevHash();
                    default -> e.hash();
                };
                fields.add(v == null ? "" : data.consumeBoolean() ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            out.append(String.join(",", fields)).append('\n');
        }
        return out.toString();
    }

    private static String safe(FuzzedDataProvider data, boolean optional) {
        String v = FuzzValues.identifier(data);
        if (v == null || !v.matches("[A-Za-z0-9._:@/+-]{1,128}")) {
            return optional && data.consumeBoolean() ? null : "x";
        }
        return v;
    }
}
