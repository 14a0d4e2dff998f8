package org.realname.gateway.audit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads the CSV that PostgreSQL's {@code COPY ... TO ... CSV HEADER} (psql's {@code \copy})
 * writes: a header line of column names, comma-separated fields, fields quoted with {@code "}
 * when needed ({@code ""} inside quotes is one quote; quoted fields may span lines), and
 * {@code NULL} as an unquoted empty field. An empty quoted field is an empty string. Columns
 * are found by name, so their order does not matter.
 */
final class CsvRows implements Iterator<CsvRows.Row>, AutoCloseable {

    /** One line's fields, by column name. */
    static final class Row {
        private final Map<String, Integer> columns;
        private final List<String> values;
        private final long line;

        Row(Map<String, Integer> columns, List<String> values, long line) {
            this.columns = columns;
            this.values = values;
            this.line = line;
        }

        /** The field's value, {@code null} for SQL NULL or a missing field. */
        String get(String column) {
            Integer i = columns.get(column);
            return i == null || i >= values.size() ? null : values.get(i);
        }

        long line() {
            return line;
        }
    }

    private final BufferedReader in;
    private final Map<String, Integer> columns = new HashMap<>();
    private List<String> next;
    private long line;
    private long nextLine;

    CsvRows(BufferedReader in, String... required) throws IOException {
        this.in = in;
        List<String> header = read();
        if (header == null) {
            throw new IOException("empty file: expected a header line (COPY ... CSV HEADER)");
        }
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i) == null ? "" : header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String r : required) {
            if (!columns.containsKey(r)) {
                throw new IOException("column " + r + " missing from the header");
            }
        }
        advance();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Row next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        Row row = new Row(columns, next, nextLine);
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void advance() throws IOException {
        do {
            nextLine = line + 1;
            next = read();
        } while (next != null && next.size() == 1 && next.get(0) == null);
    }

    /** One record (possibly several physical lines), or null at the end. */
    private List<String> read() throws IOException {
        String physical = in.readLine();
        if (physical == null) {
            return null;
        }
        line++;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (true) {
            if (i >= physical.length()) {
                if (quoted) {
                    String more = in.readLine();
                    if (more == null) {
                        throw new IOException("line " + line + ": unterminated quoted field");
                    }
                    line++;
                    field.append('\n');
                    physical = more;
                    i = 0;
                    continue;
                }
                fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                return fields;
            }
            char ch = physical.charAt(i++);
            if (quoted) {
                if (ch == '"') {
                    if (i < physical.length() && physical.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
    }
}
