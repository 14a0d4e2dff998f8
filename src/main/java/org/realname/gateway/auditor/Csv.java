package org.realname.gateway.auditor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: a cell starting with {@code = + - @}, a tab or a
 * carriage return is prefixed with {@code '} so it is never run as a formula (CSV injection); a
 * cell with a comma, quote or line break is quoted, quotes doubled. Lines end with CRLF.
 */
final class Csv {

    private Csv() {
    }

    static void line(Writer out, String[] cells) {
        try {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
