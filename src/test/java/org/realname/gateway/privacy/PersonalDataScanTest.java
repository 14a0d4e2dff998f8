package org.realname.gateway.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;

/**
 * After complete flows (pass, fail, re-verify), neither the plain name nor the plain ID number
 * is anywhere in the database or in the log.
 */
@QuarkusTest
class PersonalDataScanTest {

    // Distinctive values, so a hit can only come from this test.
    private static final String NAME = "欧阳扫描";
    private static final String LATIN_NAME = "Scanner Probe";

    @Inject
    DataSource dataSource;

    @Test
    void noTableAndNoLogLineHoldsPlainPersonalData() throws Exception {
        String platform = Api.token("platform");
        String id1 = TestIds.withCheck("44030619850707123");
        String id2 = TestIds.withCheck("31010119920202234");
        String account = TestIds.randomAccount();
        Api.completeFlow(Api.created(platform, Api.signup(account, NAME, id1)).redirectUrl(), "pass");
        Api.completeFlow(Api.created(platform, Api.reverify(account)).redirectUrl(), "pass");
        Api.completeFlow(Api.created(platform, Api.signup(TestIds.randomAccount(), LATIN_NAME, id2)).redirectUrl(), "fail");

        List<String> needles = List.of(NAME, LATIN_NAME, id1, id2);
        List<String> tablesScanned = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && schema.equalsIgnoreCase("public")) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertTrue(tables.contains("verification_result"), "scanned the gateway's tables: " + tables);
            for (String table : tables) {
                scanTable(c, table, needles);
                tablesScanned.add(table);
            }
        }
        assertTrue(tablesScanned.size() >= 4, tablesScanned.toString());

        Path log = Path.of("target/test-logs/gateway.log");
        assertTrue(Files.exists(log), "the test log is captured");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("Generated") || text.contains("sandbox") || text.length() > 1000,
                "the log holds the run's lines");
        for (String needle : needles) {
            assertFalse(text.contains(needle), "the log contains personal data");
        }
    }

    private static void scanTable(Connection c, String table, List<String> needles) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int col = 1; col <= md.getColumnCount(); col++) {
                    byte[] bytes = switch (md.getColumnType(col)) {
                        case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> rs.getBytes(col);
                        default -> {
                            String s = rs.getString(col);
                            yield s == null ? null : s.getBytes(StandardCharsets.UTF_8);
                        }
                    };
                    if (bytes == null) {
                        continue;
                    }
                    String asText = new String(bytes, StandardCharsets.UTF_8);
                    for (String needle : needles) {
                        assertFalse(asText.contains(needle),
                                "plain personal data in " + table + "." + md.getColumnName(col));
                    }
                }
            }
        }
    }
}
