package org.realname.gateway.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** CSV cells: quoting, and no formula ever reaches a spreadsheet. */
class CsvTest {

    @Test
    void formulaCells_arePrefixed_soASpreadsheetShowsThemAsText() {
        assertEquals("\"'=HYPERLINK(\"\"http://e.vil\"\")\"", Csv.cell("=HYPERLINK(\"http://e.vil\")"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"'\r=1\"", Csv.cell("\r=1"));
    }

    @Test
    void separatorsQuotesAndLineBreaks_areQuoted() {
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"one\ntwo\"", Csv.cell("one\ntwo"));
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void aLine_endsWithCrlf() {
        StringWriter w = new StringWriter();
        Csv.line(w, new String[] { "1", null, "=x", "a,b" });
        assertEquals("1,,'=x,\"a,b\"\r\n", w.toString());
    }
}
