package org.realname.gateway.fault;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.realname.gateway.support.Api;
import org.realname.gateway.support.PersonalValues;
import org.realname.gateway.support.TestIds;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * One person's verification, taken a step at a time the way a platform and a browser take it,
 * remembering what each step handed back. A step whose answer never came (the gateway died under
 * it) is not done: after the restart it is taken again, as a platform repeats a request under its
 * Idempotency-Key and a person presses the button again.
 */
final class Journey {

    enum Step { CREATE, OPEN, CONSENT, FACE, RETURN }

    final String account = TestIds.randomAccount();
    final String name;
    final String idNumber = TestIds.random();
    final boolean passes;
    /** Whether the browser comes back from the provider; otherwise only reconciliation can finish the session. */
    final boolean comesBack;
    private final String idempotencyKey = "crash-" + account;
    private final Set<Step> done = EnumSet.noneOf(Step.class);
    private String id;
    private String link;
    private Api.Browser browser;
    private String providerPage;
    private String gatewayReturn;
    /** The link was opened by a request whose answer (the binding cookie) was lost: nobody can go on. */
    private boolean linkLost;

    private Journey(String name, boolean passes, boolean comesBack) {
        this.name = name;
        this.passes = passes;
        this.comesBack = comesBack;
    }

    /** Two people who come back from the provider and two who close the browser there, each passing or failing. */
    static List<Journey> four() {
        return List.of(new Journey("张三", true, true), new Journey("李四", false, true), new Journey("王五", true, false),
                new Journey("赵六", false, false));
    }

    boolean wants(Step step) {
        return !linkLost && !done.contains(step) && (step != Step.RETURN || comesBack);
    }

    /**
     * @param afterCrash whether the gateway crashed meanwhile: only then may a link turn out to be
     *        used already (opened by the request whose answer was lost)
     */
    void take(Step step, String platformToken, boolean afterCrash) {
        switch (step) {
            case CREATE -> create(platformToken);
            case OPEN -> open(afterCrash);
            case CONSENT -> providerPage = Api.consent(browser);
            case FACE -> gatewayReturn = Api.faceCapture(providerPage, passes ? "pass" : "fail");
            case RETURN -> comeBack();
        }
        done.add(step);
    }

    /** The status the session must end in. */
    String expected() {
        return linkLost ? "EXPIRED" : passes ? "PASSED" : "FAILED";
    }

    String maskedName() {
        return name.charAt(0) + "*";
    }

    String id() {
        return id;
    }

    boolean linkLost() {
        return linkLost;
    }

    private void create(String token) {
        PersonalValues.remember(name);
        PersonalValues.remember(idNumber);
        Response r = given().auth().oauth2(token).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(Api.signup(account, name, idNumber)).post("/api/v1/verifications");
        r.then().statusCode(201);
        String created = r.path("id");
        // A repeated key answers the session the lost answer would have named, never a second one.
        assertTrue(id == null || id.equals(created), "the same session for the same Idempotency-Key");
        id = created;
        link = r.path("redirect_url");
    }

    private void open(boolean afterCrash) {
        Response r = given().redirects().follow(false).get(link);
        if (afterCrash && r.statusCode() == 410) {
            assertEquals("link-used", problemSlug(r), "only a used link is gone");
            linkLost = true;
            return;
        }
        r.then().statusCode(303);
        String secret = r.getCookie(Api.BINDING_COOKIE);
        assertNotNull(secret, "the link sets the binding cookie");
        String path = URI.create(r.header("Location")).getPath();
        browser = new Api.Browser(path.substring("/verify/".length()), secret);
        assertEquals(id, browser.sessionId());
    }

    private void comeBack() {
        Response back = Api.comeBack(browser, gatewayReturn);
        back.then().statusCode(302);
        Api.assertRedirectStatus(back.header("Location"), id, expected());
    }

    private static String problemSlug(Response r) {
        String type = io.restassured.path.json.JsonPath.from(r.asString()).getString("type");
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "Journey[" + account + ", " + (passes ? "pass" : "fail") + (comesBack ? ", comes back" : ", closes")
                + (linkLost ? ", link lost" : "") + ", done " + done + "]";
    }
}
