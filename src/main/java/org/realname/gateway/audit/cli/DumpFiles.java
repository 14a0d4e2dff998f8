package org.realname.gateway.audit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.realname.gateway.audit.StoredCheckpoint;
import org.realname.gateway.audit.StoredEntry;
import org.realname.gateway.crypto.GmProvider;

/** Reads a dump: the entries' and checkpoints' CSV files and the signing certificates (PEM). */
final class DumpFiles {

    static final String[] ENTRY_COLUMNS = {"seq", "occurred_at", "actor", "actor_role", "event_type", "record_type",
        "record_id", "outcome", "prev_hash", "hash"};
    static final String[] CHECKPOINT_COLUMNS = {"checkpoint_no", "seq", "head_hash", "created_at", "key_id", "signature"};
    /** The signing certificates' subject is {@code CN=realname-gateway <key id>, O=realname-gateway}. */
    private static final Pattern CN = Pattern.compile("CN=realname-gateway ([A-Za-z0-9._:-]{1,64})(,|$)");
    /** PostgreSQL's ISO output: {@code 2026-12-02 04:40:02.123+00}, offsets +HH, +HH:MM or +HH:MM:SS. */
    private static final Pattern PG_OFFSET = Pattern.compile("([+-]\\d{2})(?::?(\\d{2}))?(?::?(\\d{2}))?$");

    private DumpFiles() {
    }

    /**
     * The sequenced entries in sequence order: streamed when the file is already in that order (as
     * {@code \copy (SELECT * FROM audit_event ORDER BY seq) ...} writes it), otherwise loaded and
     * sorted. Rows without a sequence number are still in the queue (not yet in the chain) and are
     * left out; a chain entry whose number was blanked shows as the gap it leaves.
     */
    static Iterator<StoredEntry> entries(Path file) throws IOException {
        if (isSorted(file)) {
            return new Mapped(new CsvRows(reader(file), ENTRY_COLUMNS));
        }
        List<StoredEntry> all = new ArrayList<>();
        try (CsvRows rows = new CsvRows(reader(file), ENTRY_COLUMNS)) {
            rows.forEachRemaining(r -> {
                if (!queued(r)) {
                    all.add(entry(r));
                }
            });
        }
        all.sort(Comparator.comparingLong(StoredEntry::seq));
        return all.iterator();
    }

    /** The checkpoints in sequence order (few: one per thousand entries or quarter hour). */
    static Iterator<StoredCheckpoint> checkpoints(Path file) throws IOException {
        List<StoredCheckpoint> all = new ArrayList<>();
        try (CsvRows rows = new CsvRows(reader(file), CHECKPOINT_COLUMNS)) {
            rows.forEachRemaining(r -> all.add(new StoredCheckpoint(number(r, "checkpoint_no"), number(r, "seq"),
                    r.get("head_hash"), time(r.get("created_at")), r.get("key_id"), r.get("signature"))));
        }
        all.sort(Comparator.comparingLong(StoredCheckpoint::seq));
        return all.iterator();
    }

    /** Signing certificates by key id, from PEM files of one or more certificates each. */
    static Map<String, X509Certificate> certificates(List<Path> files) throws IOException {
        Map<String, X509Certificate> byKeyId = new HashMap<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CertificateFactory factory = CertificateFactory.getInstance("X.509", GmProvider.provider());
                for (var c : factory.generateCertificates(in)) {
                    X509Certificate cert = (X509Certificate) c;
                    Matcher m = CN.matcher(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
                    if (m.find()) {
                        byKeyId.put(m.group(1), cert);
                    }
                }
            } catch (CertificateException e) {
                throw new IOException(file + ": not a PEM certificate file", e);
            }
        }
        return byKeyId;
    }

    private static boolean isSorted(Path file) throws IOException {
        long previous = Long.MIN_VALUE;
        try (CsvRows rows = new CsvRows(reader(file), ENTRY_COLUMNS)) {
            while (rows.hasNext()) {
                CsvRows.Row r = rows.next();
                if (queued(r)) {
                    continue;
                }
                long seq = number(r, "seq");
                if (seq < previous) {
                    return false;
                }
                previous = seq;
            }
        }
        return true;
    }

    private static boolean queued(CsvRows.Row r) {
        String seq = r.get("seq");
        return seq == null || seq.isBlank();
    }

    private static StoredEntry entry(CsvRows.Row r) {
        return new StoredEntry(number(r, "seq"), time(r.get("occurred_at")), r.get("actor"), r.get("actor_role"),
                r.get("event_type"), r.get("record_type"), r.get("record_id"), r.get("outcome"), r.get("prev_hash"),
                r.get("hash"));
    }

    private static long number(CsvRows.Row r, String column) {
        String v = r.get(column);
        try {
            return Long.parseLong(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + r.line() + ": " + column + " is not a number");
        }
    }

    /** A timestamp as PostgreSQL (DateStyle ISO) or ISO-8601 writes it; {@code null} when unreadable. */
    static Instant time(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + "T" + s.substring(11);
        }
        if (!s.endsWith("Z")) {
            Matcher m = PG_OFFSET.matcher(s);
            if (m.find()) {
                String offset = m.group(1) + ":" + (m.group(2) == null ? "00" : m.group(2))
                        + (m.group(3) == null ? "" : ":" + m.group(3));
                s = s.substring(0, m.start()) + offset;
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    private static final class Mapped implements Iterator<StoredEntry> {
        private final CsvRows rows;
        private StoredEntry next;

        Mapped(CsvRows rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            while (next == null && rows.hasNext()) {
                CsvRows.Row r = rows.next();
                if (!queued(r)) {
                    next = entry(r);
                }
            }
            boolean more = next != null;
            if (!more) {
                try {
                    rows.close();
                } catch (IOException e) {
                    // read to the end already
                }
            }
            return more;
        }

        @Override
        public StoredEntry next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            StoredEntry e = next;
            next = null;
            return e;
        }
    }
}
