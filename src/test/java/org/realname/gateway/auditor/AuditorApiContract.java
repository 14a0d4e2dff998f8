package org.realname.gateway.auditor;

import org.realname.gateway.tenant.AccountRef;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.identity.Masking;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The auditor API over HTTP on real results made by the real flow: filters, keyset paging,
 * masking, exports, bad input, and that every read is recorded. Run on H2 and PostgreSQL.
 */
public abstract class AuditorApiContract {

    static final String NAME = "欧阳娜娜";
    static final String PROBLEM = "application/problem+json";
    static final String INVALID_FILTER = "https://realname-gateway.dev/problems/invalid-filter";

    @Inject
    DataSource dataSource;
    @Inject
    KeyRingService keyRing;
    @Inject
    AuditSequencer sequencer;

    String platform;
    String auditor;
    String auditorSubject;

    @BeforeEach
    void tokens() {
        platform = Api.token("platform");
        auditorSubject = "auditor-" + Long.toHexString(System.nanoTime());
        auditor = Api.token(auditorSubject, "auditor");
    }

    /** A finished sign-up for a fresh account; returns the account id. */
    String verifiedAccount(String idNumber, String outcome) {
        String account = TestIds.randomAccount();
        Api.Created created = Api.created(platform, Api.signup(account, NAME, idNumber));
        Api.completeFlow(created.redirectUrl(), outcome);
        return account;
    }

    String resultId(String account) {
        return Db.string(dataSource, "SELECT id FROM verification_result WHERE account_id = ?", account);
    }

    long entries(String type, String actor) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND actor = ?", type, actor);
    }

    @Test
    void results_areMasked_filteredByAccount_andTheReadIsRecorded() {
        String idNumber = TestIds.random();
        String account = verifiedAccount(idNumber, "pass");

        Response r = given().auth().oauth2(auditor).queryParam("account", account).get("/api/v1/audit/results");
        r.then().statusCode(200).body("items", hasSize(1)).body("next", nullValue())
                .body("items[0].account_id", equalTo(account))
                .body("items[0].purpose", equalTo("SIGNUP"))
                .body("items[0].outcome", equalTo("PASS"))
                .body("items[0].provider", equalTo("alipay"))
                .body("items[0].status", equalTo("VALID"))
                .body("items[0].name_masked", equalTo(Masking.name(NAME)))
                .body("items[0].id_number_masked", equalTo(Masking.idNumber(idNumber)));
        assertNotNull(r.path("items[0].signing_key_id"));
        assertEquals(Boolean.FALSE, r.path("items[0].minor"), "an adult's result is not flagged");
        assertNotNull(r.path("items[0].verified_at"));
        assertFalse(r.asString().contains(NAME) || r.asString().contains(idNumber), "no plain identity");

        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_QUERIED' "
                + "AND actor = ? AND record_type = 'account' AND record_id = ? AND outcome = 'results:1'",
                auditorSubject, account));
    }

    @Test
    void results_ofAnErasedAccount_showTheErasedMarker_notAnError() {
        String shredded = verifiedAccount(TestIds.random(), "pass");
        keyRing.shred(AccountRef.ofDefault(shredded));
        String marked = verifiedAccount(TestIds.random(), "fail");
        Db.exec(dataSource, "UPDATE verification_result SET status = 'ERASED' WHERE account_id = ?", marked);

        for (String account : List.of(shredded, marked)) {
            given().auth().oauth2(auditor).queryParam("account", account).get("/api/v1/audit/results")
                    .then().statusCode(200).body("items", hasSize(1))
                    .body("items[0].name_masked", equalTo("[erased]"))
                    .body("items[0].id_number_masked", equalTo("[erased]"));
        }
        given().auth().oauth2(auditor).queryParam("account", marked).queryParam("status", "erased")
                .queryParam("outcome", "FAIL").get("/api/v1/audit/results")
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(auditor).queryParam("account", marked).queryParam("status", "VALID")
                .get("/api/v1/audit/results").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void events_pageThroughAnAccountsEntries_inSequenceOrder_withoutGapsOrRepeats() {
        String account = verifiedAccount(TestIds.random(), "pass");
        long expected = Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_type = 'verification_session' "
                + "AND record_id IN (SELECT id FROM verification_session WHERE account_id = ?)", account);
        assertTrue(expected >= 4, "created, consented, redirected, finished: " + expected);

        // The list shows the chain: what is still queued has no position yet.
        sequencer.drain(Duration.ofSeconds(10));
        List<Long> seen = new ArrayList<>();
        List<String> types = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var req = given().auth().oauth2(auditor).queryParam("account", account).queryParam("limit", 2);
            if (after != null) {
                req.queryParam("after", after);
            }
            Response r = req.get("/api/v1/audit/events");
            r.then().statusCode(200);
            List<Number> seqs = r.path("items.seq");
            seqs.forEach(n -> seen.add(n.longValue()));
            types.addAll(r.path("items.record_type"));
            after = r.path("next");
            pages++;
        } while (after != null && pages < 20);

        // The account's entries are its sessions' and results', and the auditor reads about it
        // (each page read adds one, which a later page then shows).
        assertEquals(expected, types.stream().filter("verification_session"::equals).count());
        assertTrue(types.stream().allMatch(t -> t.equals("verification_session") || t.equals("account")), types.toString());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "ascending, no repeats: " + seen);
        }
        assertEquals(pages, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_QUERIED' "
                + "AND actor = ? AND record_id = ?", auditorSubject, account));

        given().auth().oauth2(auditor).queryParam("account", account).queryParam("event_type", "SESSION_CREATED")
                .get("/api/v1/audit/events").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].outcome", equalTo("SIGNUP")).body("items[0].actor_role", equalTo("platform"));
    }

    @Test
    void results_pageByVerifiedTimeAndId_withAnOpaqueCursor() {
        String from = java.time.Instant.now().minusSeconds(1).toString();
        List<String> accounts = List.of(verifiedAccount(TestIds.random(), "pass"),
                verifiedAccount(TestIds.random(), "fail"), verifiedAccount(TestIds.random(), "pass"));
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            var req = given().auth().oauth2(auditor).queryParam("from", from).queryParam("limit", 1);
            if (after != null) {
                req.queryParam("after", after);
            }
            Response r = req.get("/api/v1/audit/results");
            r.then().statusCode(200).body("items", hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(1)));
            seen.addAll(r.path("items.account_id"));
            after = r.path("next");
        } while (after != null && seen.size() < 1000);
        // Other tests may add results meanwhile; ours come in the order they were verified, once each.
        List<String> ours = seen.stream().filter(accounts::contains).toList();
        assertEquals(accounts, ours);
    }

    @Test
    void badFilters_areRefusedWithAStableProblem_andNothingIsRecorded() {
        long before = entries("AUDIT_QUERIED", auditorSubject);
        List<Map<String, String>> bad = List.of(Map.of("from", "yesterday"), Map.of("to", "2026-13-01T00:00:00Z"),
                Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"), Map.of("event_type", "NOPE"),
                Map.of("purpose", "LOGIN"), Map.of("limit", "0"), Map.of("limit", "501"), Map.of("limit", "ten"),
                Map.of("after", "-5"), Map.of("after", "abc"), Map.of("account", "张三"));
        for (Map<String, String> q : bad) {
            given().auth().oauth2(auditor).queryParams(q).get("/api/v1/audit/events")
                    .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(INVALID_FILTER));
        }
        List<Map<String, String>> badResults = List.of(Map.of("status", "GONE"), Map.of("outcome", "MAYBE"),
                Map.of("after", "not-a-cursor!"), Map.of("after", "MTIz"));
        for (Map<String, String> q : badResults) {
            given().auth().oauth2(auditor).queryParams(q).get("/api/v1/audit/results")
                    .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(INVALID_FILTER));
        }
        given().auth().oauth2(auditor).queryParam("format", "xml").get("/api/v1/audit/results/export")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(INVALID_FILTER));
        assertEquals(before, entries("AUDIT_QUERIED", auditorSubject));
        assertEquals(0, entries("EXPORT", auditorSubject));
    }

    @Test
    void onlyAuditorsRead() {
        for (String path : List.of("/api/v1/audit/events", "/api/v1/audit/results", "/api/v1/audit/events/export",
                "/api/v1/audit/results/export")) {
            given().auth().oauth2(platform).get(path).then().statusCode(403).contentType(PROBLEM);
            given().get(path).then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void exports_streamMaskedCsvAndJsonLines_andAreRecorded() {
        String idNumber = TestIds.random();
        String account = verifiedAccount(idNumber, "pass");

        Response csv = given().auth().oauth2(auditor).queryParam("account", account).queryParam("format", "csv")
                .get("/api/v1/audit/results/export");
        csv.then().statusCode(200).header("Cache-Control", "no-store");
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        String[] lines = csv.asString().split("\r\n");
        assertEquals(2, lines.length, csv.asString());
        assertEquals(String.join(",", ResultRow.HEADER), lines[0]);
        assertTrue(lines[1].startsWith(resultId(account) + "," + account + ",SIGNUP,PASS,alipay,"), lines[1]);
        assertTrue(lines[1].endsWith("," + Masking.name(NAME) + "," + Masking.idNumber(idNumber)), lines[1]);

        sequencer.drain(Duration.ofSeconds(10)); // the export shows the chain, not the queue
        Response jsonl = given().auth().oauth2(auditor).queryParam("account", account).queryParam("format", "jsonl")
                .get("/api/v1/audit/events/export");
        jsonl.then().statusCode(200);
        assertTrue(jsonl.contentType().startsWith("application/x-ndjson"), jsonl.contentType());
        String[] events = jsonl.asString().split("\n");
        assertTrue(events.length >= 4, jsonl.asString());
        for (String line : events) {
            assertTrue(line.startsWith("{\"seq\":") && line.endsWith("}"), line);
        }
        String body = csv.asString() + jsonl.asString();
        assertFalse(body.contains(NAME) || body.contains(idNumber), "no plain identity in exports");

        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'EXPORT' AND actor = ? "
                + "AND record_id = ? AND outcome = 'results:csv'", auditorSubject, account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'EXPORT' AND actor = ? "
                + "AND record_id = ? AND outcome = 'events:jsonl'", auditorSubject, account));
    }

    // --- unmasking ---

    Response unmask(String token, String resultId, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/audit/results/" + resultId + "/unmask");
    }

    static final Map<String, String> REASON = Map.of("reason", "DISPUTE_REVIEW", "case_reference", "CASE-2026/0042");

    @Test
    void unmask_withoutThePermission_isForbidden_andNothingIsRecorded() {
        String result = resultId(verifiedAccount(TestIds.random(), "pass"));
        String onlyUnmask = Api.token(auditorSubject, "auditor-unmask");

        for (String token : List.of(auditor, onlyUnmask, platform)) {
            Response r = unmask(token, result, REASON);
            r.then().statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo("https://realname-gateway.dev/problems/forbidden"));
            assertFalse(r.asString().contains(NAME));
        }
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'RECORD_UNMASKED' "
                + "AND record_id = ?", result));
    }

    @Test
    void unmask_withoutAValidReason_isRefused_andNothingIsRecorded() {
        String result = resultId(verifiedAccount(TestIds.random(), "pass"));
        String both = Api.token(auditorSubject, "auditor", "auditor-unmask");

        unmask(both, result, Map.of()).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://realname-gateway.dev/problems/reason-required"));
        unmask(both, result, Map.of("reason", "DISPUTE_REVIEW")).then().statusCode(400)
                .body("type", equalTo("https://realname-gateway.dev/problems/reason-required"));
        unmask(both, result, Map.of("reason", "DISPUTE_REVIEW", "case_reference", "the user called, she is upset"))
                .then().statusCode(400).body("type", equalTo("https://realname-gateway.dev/problems/reason-required"));
        unmask(both, result, Map.of("reason", "CURIOSITY", "case_reference", "X-1")).then().statusCode(400)
                .contentType(PROBLEM);
        unmask(both, result, Map.of("reason", "INCIDENT", "case_reference", "X-1", "note", "free text"))
                .then().statusCode(400).contentType(PROBLEM);
        unmask(both, "no-such-result", REASON).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://realname-gateway.dev/problems/result-not-found"));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'RECORD_UNMASKED' "
                + "AND record_id = ?", result));
    }

    @Test
    void unmask_withBothRolesAndAReason_showsThePlainIdentity_andRecordsTheReason() {
        String idNumber = TestIds.random();
        String account = verifiedAccount(idNumber, "pass");
        String result = resultId(account);
        String both = Api.token(auditorSubject, "auditor", "auditor-unmask");

        Response r = unmask(both, result, Map.of("reason", "LAW_ENFORCEMENT_REQUEST",
                "case_reference", "PSB-2026/11:0042-" + "x".repeat(40)));
        r.then().statusCode(200).header("Cache-Control", "no-store")
                .body("id", equalTo(result)).body("account_id", equalTo(account))
                .body("name", equalTo(NAME)).body("id_number", equalTo(idNumber))
                .body("reason", equalTo("LAW_ENFORCEMENT_REQUEST"));
        long seq = ((Number) r.path("audit_seq")).longValue();

        assertEquals("RECORD_UNMASKED", Db.string(dataSource, "SELECT event_type FROM audit_event WHERE seq = ?", seq));
        assertEquals(result, Db.string(dataSource, "SELECT record_id FROM audit_event WHERE seq = ?", seq));
        assertEquals(auditorSubject, Db.string(dataSource, "SELECT actor FROM audit_event WHERE seq = ?", seq));
        assertEquals("LAW_ENFORCEMENT_REQUEST:PSB-2026/11:0042-" + "x".repeat(40),
                Db.string(dataSource, "SELECT outcome FROM audit_event WHERE seq = ?", seq));
        assertEquals(Boolean.TRUE, given().auth().oauth2(auditor).get("/api/v1/audit/verify").path("intact"));
    }

    @Test
    void unmask_ofAnErasedResult_isAClearProblem_andNothingIsRecorded() {
        String account = verifiedAccount(TestIds.random(), "pass");
        String result = resultId(account);
        keyRing.shred(AccountRef.ofDefault(account));
        String both = Api.token(auditorSubject, "auditor", "auditor-unmask");

        unmask(both, result, REASON).then().statusCode(410).contentType(PROBLEM)
                .body("type", equalTo("https://realname-gateway.dev/problems/account-erased"));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'RECORD_UNMASKED' "
                + "AND record_id = ?", result));
    }
}
