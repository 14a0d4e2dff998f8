package org.realname.gateway.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.PersonalValues;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.Masking;

/**
 * Runs after every other test of the suite (see {@code RunLastClassOrderer}) and looks, in every
 * table, every export (auditor exports, every account's portability export) and the captured
 * log, for any name or ID number the suite gave the
 * gateway, and for anything shaped like a valid resident ID number. Only ciphertext columns may
 * hold them, and there they are encrypted, so a hit anywhere is a leak.
 */
@QuarkusTest
@TestProfile(SuiteWidePersonalDataScanTest.LastProfile.class)
@Order(Integer.MAX_VALUE)
class SuiteWidePersonalDataScanTest {

    /** Its own profile, so Quarkus's orderer runs it after all other profiles' tests. */
    public static final class LastProfile implements QuarkusTestProfile {
    }

    /** 17 digits and a check character, not part of a longer run of letters or digits. */
    private static final Pattern ID_SHAPE = Pattern.compile("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])");

    @Inject
    DataSource dataSource;

    @Test
    void nothingTheSuiteLeftBehindHoldsPlainPersonalData() throws Exception {
        List<String> needles = PersonalValues.searchable();
        Assumptions.assumeTrue(needles.size() >= 20,
                "run as part of the whole suite: only " + needles.size() + " personal values were handed over");
        List<String> hits = new ArrayList<>();
        long rows;
        try (Connection c = dataSource.getConnection()) {
            rows = countRows(c, "verification_session");
            assertTrue(rows >= needles.size() / 4,
                    "the scan sees the suite's database (" + rows + " sessions for " + needles.size() + " values)");
            for (String table : tables(c)) {
                scanTable(c, table, needles, hits);
            }
        }
        scanExports(needles, hits);
        List<Path> logs;
        try (var files = Files.list(Path.of("target/test-logs"))) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("gateway.log")).toList();
        }
        assertTrue(!logs.isEmpty(), "the test log is captured");
        for (Path log : logs) {
            // the log rotates: every file of the run is read
            scanText("log " + log.getFileName(), Files.readString(log, StandardCharsets.UTF_8), needles, hits);
        }
        if (!hits.isEmpty()) {
            fail("plain personal data found in: " + hits);
        }
    }

    /**
     * Every export the gateway offers: the auditor's exports of the whole trail and of every
     * result (CSV and JSON lines), and the portability export of every account the suite made.
     */
    private void scanExports(List<String> needles, List<String> hits) throws SQLException {
        String auditor = Api.token("auditor");
        for (String what : List.of("events", "results")) {
            for (String format : List.of("csv", "jsonl")) {
                String body = given().auth().oauth2(auditor).queryParam("format", format)
                        .get("/api/v1/audit/" + what + "/export").then().statusCode(200).extract().asString();
                assertTrue(body.lines().count() > 20, what + " export holds the suite's rows");
                scanText("auditor export of " + what + " as " + format, body, needles, hits);
            }
        }
        String platform = Api.token("platform");
        List<String> accounts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT account_id FROM verification_session ORDER BY account_id")) {
            while (rs.next()) {
                accounts.add(rs.getString(1));
            }
        }
        int exported = 0;
        for (String account : accounts) {
            var r = given().auth().oauth2(platform).get("/api/v1/accounts/{a}/export", account);
            if (r.statusCode() == 200) {
                exported++;
                scanText("portability export of " + account, r.asString(), needles, hits);
            }
        }
        assertTrue(exported >= accounts.size() / 2, "exported " + exported + " of " + accounts.size() + " accounts");
    }

    private static long countRows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && schema.equalsIgnoreCase("public")) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        assertTrue(tables.contains("verification_result") && tables.contains("audit_event"), tables.toString());
        return tables;
    }

    private static void scanTable(Connection c, String table, List<String> needles, List<String> hits)
            throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int col = 1; col <= md.getColumnCount(); col++) {
                    String text = switch (md.getColumnType(col)) {
                        case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                            byte[] b = rs.getBytes(col);
                            yield b == null ? null : new String(b, StandardCharsets.UTF_8);
                        }
                        default -> rs.getString(col);
                    };
                    if (text != null) {
                        scanText(table + "." + md.getColumnName(col), text, needles, hits);
                    }
                }
            }
        }
    }

    static void scanText(String where, String text, List<String> needles, List<String> hits) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                hits.add(where + " holds " + Masking.name(needle));
                return;
            }
        }
        Matcher m = ID_SHAPE.matcher(text);
        while (m.find()) {
            try {
                IdNumber.parse(m.group());
                hits.add(where + " holds an ID number " + Masking.idNumber(m.group()));
                return;
            } catch (GatewayException notAnIdNumber) {
                // a long number that is not a valid resident ID number (wrong region, date or check)
            }
        }
    }
}
