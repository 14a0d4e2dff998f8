package org.realname.gateway.complaint;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;
import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.util.Ids;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Complaints end to end over HTTP: the person files and lists, the operators of the same tenant
 * list, read and answer, another tenant's operators find nothing, bad input changes nothing, and
 * the overdue job reports each complaint once. Run on H2 and on PostgreSQL by its subclasses.
 */
public abstract class ComplaintsContract {

    private static final String PROBLEM = "application/problem+json";
    private static final String WORDS = "我的手机号被别人用来实名了，请核查并更正。";

    @Inject
    DataSource dataSource;
    @Inject
    ComplaintService service;
    @Inject
    OverdueComplaints overdue;
    @Inject
    KeyRingService keyRing;

    static String user(String account) {
        return Api.token(account, "user");
    }

    static String admin() {
        return Api.token("admin-complaints", "admin");
    }

    Response file(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/me/complaints");
    }

    String filed(String account, String kind, String text) {
        Map<String, Object> body = text == null ? Map.of("kind", kind) : Map.of("kind", kind, "text", text);
        return file(user(account), body).then().statusCode(201).extract().path("id");
    }

    long count(String sql, Object... args) {
        return Db.count(dataSource, sql, args);
    }

    long audited(String type, String id) {
        return count("SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND record_id = ?", type, id);
    }

    void pastDue(String id) {
        assertEquals(1, Db.exec(dataSource, "UPDATE complaint SET due_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))), id));
    }

    @Test
    void person_files_andListsTheirOwn_withStatusAndDueDate_textSealed() {
        String account = TestIds.randomAccount();
        Response r = file(user(account), Map.of("kind", "correction", "text", "  " + WORDS + "\n"));
        r.then().statusCode(201).contentType(containsString("application/json"))
                .body("kind", equalTo("CORRECTION")).body("status", equalTo("RECEIVED")).body("text", equalTo(WORDS))
                .body("overdue", equalTo(false)).body("answered_at", nullValue());
        String id = r.path("id");
        Instant received = Instant.parse(r.path("received_at"));
        assertEquals(service.workingDays().dueAt(received), Instant.parse(r.path("due_at")));
        String other = filed(account, "OTHER", null);

        given().auth().oauth2(user(account)).get("/api/v1/me/complaints").then().statusCode(200)
                .body("account_id", equalTo(account)).body("complaints", hasSize(2))
                .body("complaints[0].id", equalTo(other)).body("complaints[0].text", nullValue())
                .body("complaints[1].id", equalTo(id)).body("complaints[1].text", equalTo(WORDS))
                .body("complaints[1].status", equalTo("RECEIVED")).body("complaints[1].due_at", notNullValue());
        // Another person sees none of them.
        given().auth().oauth2(user(TestIds.randomAccount())).get("/api/v1/me/complaints").then().statusCode(200)
                .body("complaints", hasSize(0));

        // Stored sealed: neither the words nor a part of them in the row, and the key id beside the ciphertext.
        byte[] stored = Db.bytes(dataSource, "SELECT text_ciphertext FROM complaint WHERE id = ?", id);
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(new String(
                "实名".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        assertEquals("dek-v1", Db.string(dataSource, "SELECT text_key_id FROM complaint WHERE id = ?", id));
        assertNull(Db.bytes(dataSource, "SELECT text_ciphertext FROM complaint WHERE id = ?", other));
        // On the trail by id and kind only.
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'COMPLAINT_RECEIVED' AND record_id = ? "
                + "AND actor = ? AND actor_role = 'user' AND outcome = 'kind:correction'", id, account));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_event WHERE outcome LIKE ? OR record_id LIKE ?", "%实名%", "%实名%"));
    }

    @Test
    void badInput_isAProblem_andChangesNothing() {
        String account = TestIds.randomAccount();
        String token = user(account);
        long auditBefore = count("SELECT COUNT(*) FROM audit_event");
        List<Object> bodies = List.of(Map.of("kind", "REFUND"), Map.of("text", WORDS), Map.of("kind", ""),
                Map.of("kind", "COMPLAINT", "text", "字".repeat(ComplaintText.MAX_LENGTH + 1)),
                Map.of("kind", "COMPLAINT", "text", "bell\u0007"), Map.of("kind", "COMPLAINT", "text", "half\uD800"));
        for (Object body : bodies) {
            Response r = file(token, body);
            r.then().statusCode(400).contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.INVALID_REQUEST.type()));
            // The detail never quotes the person's words.
            assertFalse(r.asString().contains("字字字") || r.asString().contains("bell") || r.asString().contains("REFUND"),
                    r.asString());
        }
        file(token, "{\"kind\": \"COMPLAINT\", \"text\": ").then().statusCode(400).contentType(containsString(PROBLEM))
                .body("type", equalTo(ErrorCode.MALFORMED_BODY.type()));
        file(token, Map.of("kind", "COMPLAINT", "account_id", "someone-else")).then().statusCode(400)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.MALFORMED_BODY.type()));
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/v1/me/complaints").then().statusCode(400)
                .contentType(containsString(PROBLEM));
        // Only the person's own token.
        given().auth().oauth2(Api.token("platform")).contentType(ContentType.JSON).body(Map.of("kind", "OTHER"))
                .post("/api/v1/me/complaints").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("kind", "OTHER")).post("/api/v1/me/complaints").then().statusCode(401);

        assertEquals(0, count("SELECT COUNT(*) FROM complaint WHERE account_id = ?", account));
        assertEquals(auditBefore, count("SELECT COUNT(*) FROM audit_event"));
        // The longest text allowed is accepted, so the limit is where it says.
        file(token, Map.of("kind", "COMPLAINT", "text", "字".repeat(ComplaintText.MAX_LENGTH))).then().statusCode(201);
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE account_id = ?", account));
    }

    @Test
    void admin_seesOverdue_readsText_andAnswers_once() {
        String account = TestIds.randomAccount();
        String late = filed(account, "DELETION", WORDS);
        String fresh = filed(account, "ACCESS", null);
        pastDue(late);
        String admin = admin();

        given().auth().oauth2(admin).queryParam("overdue", "true").get("/api/v1/admin/complaints").then().statusCode(200)
                .body("complaints.id", hasItem(late)).body("complaints.id", not(hasItem(fresh)))
                .body("complaints.find { it.id == '" + late + "' }.account_id", equalTo(account))
                .body("complaints.find { it.id == '" + late + "' }.overdue", equalTo(true))
                .body("complaints.find { it.id == '" + late + "' }.has_text", equalTo(true))
                .body("complaints.find { it.id == '" + late + "' }.text", nullValue());
        given().auth().oauth2(admin).get("/api/v1/admin/complaints").then().statusCode(200)
                .body("complaints.id", hasItem(late)).body("complaints.id", hasItem(fresh));

        // Reading one opens the words, on record.
        given().auth().oauth2(admin).get("/api/v1/admin/complaints/" + late).then().statusCode(200)
                .body("text", equalTo(WORDS)).body("kind", equalTo("DELETION"));
        assertEquals(1, audited("COMPLAINT_READ", late));

        Response answered = given().auth().oauth2(admin).post("/api/v1/admin/complaints/" + late + "/answer");
        answered.then().statusCode(200).body("status", equalTo("ANSWERED")).body("answered_at", notNullValue())
                .body("answered_by", equalTo("admin-complaints")).body("overdue", equalTo(false));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'COMPLAINT_ANSWERED' AND record_id = ? "
                + "AND outcome = 'late' AND actor = 'admin-complaints' AND actor_role = 'admin'", late));
        // Again: the same answer, nothing new on record.
        given().auth().oauth2(admin).post("/api/v1/admin/complaints/" + late + "/answer").then().statusCode(200)
                .body("status", equalTo("ANSWERED")).body("answered_at", equalTo(answered.path("answered_at")));
        assertEquals(1, audited("COMPLAINT_ANSWERED", late));
        given().auth().oauth2(admin).post("/api/v1/admin/complaints/" + fresh + "/answer").then().statusCode(200);
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'COMPLAINT_ANSWERED' AND record_id = ? "
                + "AND outcome = 'in-time'", fresh));

        given().auth().oauth2(admin).queryParam("overdue", "true").get("/api/v1/admin/complaints").then().statusCode(200)
                .body("complaints.id", not(hasItem(late)));
        given().auth().oauth2(user(account)).get("/api/v1/me/complaints").then().statusCode(200)
                .body("complaints.status", equalTo(List.of("ANSWERED", "ANSWERED")));
        // An answered complaint past its date is not overdue: the job leaves it alone.
        overdue.report();
        assertEquals(0, audited("COMPLAINT_OVERDUE", late));
    }

    @Test
    void admin_badFilters_andUnknownIds_areProblems() {
        String admin = admin();
        for (Map.Entry<String, String> q : List.of(Map.entry("overdue", "yes"), Map.entry("limit", "0"),
                Map.entry("limit", "501"), Map.entry("limit", "x"))) {
            given().auth().oauth2(admin).queryParam(q.getKey(), q.getValue()).get("/api/v1/admin/complaints").then()
                    .statusCode(400).contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.INVALID_FILTER.type()));
        }
        for (String id : List.of(Ids.newId(), "not-an-id")) {
            given().auth().oauth2(admin).post("/api/v1/admin/complaints/" + id + "/answer").then().statusCode(404)
                    .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.COMPLAINT_NOT_FOUND.type()));
            given().auth().oauth2(admin).get("/api/v1/admin/complaints/" + id).then().statusCode(404)
                    .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.COMPLAINT_NOT_FOUND.type()));
        }
        // Only operators.
        given().auth().oauth2(Api.token("platform")).get("/api/v1/admin/complaints").then().statusCode(403);
        given().auth().oauth2(user(TestIds.randomAccount())).get("/api/v1/admin/complaints").then().statusCode(403);
    }

    @Test
    void anotherTenantsComplaint_answersLikeAMissingOne_andIsAudited() {
        String account = TestIds.randomAccount();
        String id = filed(account, "COMPLAINT", WORDS);
        pastDue(id);
        String foreign = Api.tenantToken("tenant-b", "admin-b", "admin");

        Response missing = given().auth().oauth2(foreign).post("/api/v1/admin/complaints/" + Ids.newId() + "/answer");
        Response refused = given().auth().oauth2(foreign).post("/api/v1/admin/complaints/" + id + "/answer");
        refused.then().statusCode(404).contentType(containsString(PROBLEM));
        assertEquals(missing.path("type").toString(), refused.path("type"));
        assertEquals(missing.path("title").toString(), refused.path("title"));
        assertEquals(missing.path("detail").toString(), refused.path("detail"));
        given().auth().oauth2(foreign).get("/api/v1/admin/complaints/" + id).then().statusCode(404)
                .body("type", equalTo(ErrorCode.COMPLAINT_NOT_FOUND.type())).body("text", nullValue());
        given().auth().oauth2(foreign).queryParam("overdue", "true").get("/api/v1/admin/complaints").then().statusCode(200)
                .body("complaints.id", not(hasItem(id)));

        assertEquals(2, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ACCESS_REFUSED' AND record_type = 'complaint' "
                + "AND record_id = ? AND outcome = 'tenant:tenant-b'", id));
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE id = ? AND status = 'RECEIVED' AND answered_at IS NULL", id));
        assertEquals(0, audited("COMPLAINT_ANSWERED", id) + audited("COMPLAINT_READ", id));
        // The same person id in tenant-b is another person, with no complaints.
        given().auth().oauth2(Api.tenantToken("tenant-b", account, "user")).get("/api/v1/me/complaints").then()
                .statusCode(200).body("complaints", hasSize(0));
    }

    @Test
    void overdueJob_auditsEachComplaintOnce_evenRunTwiceAndConcurrently() throws Exception {
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = filed(TestIds.randomAccount(), "EXPLANATION", null);
            pastDue(id);
            late.add(id);
        }
        String notYet = filed(TestIds.randomAccount(), "EXPLANATION", null);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(() -> {
                    start.await();
                    return overdue.report();
                });
            }
            List<Future<Integer>> done = new ArrayList<>();
            runs.forEach(r -> done.add(pool.submit(r)));
            start.countDown();
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        overdue.report();

        for (String id : late) {
            assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'COMPLAINT_OVERDUE' AND record_id = ? "
                    + "AND actor = 'system' AND outcome = 'overdue'", id), id);
            assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE id = ? AND overdue_at IS NOT NULL", id));
        }
        assertEquals(0, audited("COMPLAINT_OVERDUE", notYet));
        // Reported, still unanswered: the operators still see it as overdue.
        given().auth().oauth2(admin()).queryParam("overdue", "true").get("/api/v1/admin/complaints").then().statusCode(200)
                .body("complaints.id", hasItem(late.get(0)));
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("gateway_complaints_overdue ")
                && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) >= late.size()), "gauge");
    }

    @Test
    void afterErasure_theWordsAreGone_theComplaintStays() {
        String account = TestIds.randomAccount();
        String id = filed(account, "DELETION", WORDS);
        keyRing.shred(AccountRef.ofDefault(account), "admin-complaints", "admin");

        given().auth().oauth2(user(account)).get("/api/v1/me/complaints").then().statusCode(200)
                .body("complaints[0].id", equalTo(id)).body("complaints[0].text", nullValue())
                .body("complaints[0].status", equalTo("RECEIVED"));
        given().auth().oauth2(admin()).get("/api/v1/admin/complaints/" + id).then().statusCode(200)
                .body("text", nullValue()).body("has_text", equalTo(true));
        // Filing words is refused once the data key is gone; filing without words still works.
        file(user(account), Map.of("kind", "COMPLAINT", "text", WORDS)).then().statusCode(410)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.ACCOUNT_ERASED.type()));
        file(user(account), Map.of("kind", "COMPLAINT")).then().statusCode(201);
    }
}
