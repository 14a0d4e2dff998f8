package org.realname.gateway.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Drives the gateway over HTTP the way a platform and a browser do. */
public final class Api {

    public static final String BINDING_COOKIE = "rngw_binding";
    public static final String DEMO_RETURN = "/demo/result";

    private Api() {
    }

    public static String token(String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("role", role, "subject", role + "-client"))
                .post("/dev/tokens")
                .then().statusCode(200).extract().path("access_token");
    }

    /** A token for {@code subject} with the given roles (an end user: role user, subject = account). */
    public static String token(String subject, String... roles) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("roles", java.util.List.of(roles), "subject", subject))
                .post("/dev/tokens")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * A token of tenant {@code tenant} (the {@code tenant} claim the test profile reads) for
     * {@code subject} with the given roles; {@code tenant} may be anything, to test refusals.
     */
    public static String tenantToken(String tenant, String subject, String... roles) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("roles", java.util.List.of(roles), "subject", subject, "tenant", tenant))
                .post("/dev/tokens")
                .then().statusCode(200).extract().path("access_token");
    }

    public static String returnUrl() {
        return io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + DEMO_RETURN;
    }

    public static Map<String, Object> signup(String account, String name, String idNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", account);
        body.put("purpose", "SIGNUP");
        body.put("return_url", returnUrl());
        body.put("name", name);
        body.put("id_number", idNumber);
        return body;
    }

    public static Map<String, Object> reverify(String account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", account);
        body.put("purpose", "REVERIFY");
        body.put("return_url", returnUrl());
        return body;
    }

    public static Response create(String token, Map<String, Object> body) {
        PersonalValues.remember(body.get("name"));
        PersonalValues.remember(body.get("id_number"));
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/verifications");
    }

    /** Creates a session and expects 201; returns id and one-time link. */
    public static Created created(String token, Map<String, Object> body) {
        Response r = create(token, body);
        r.then().statusCode(201);
        return new Created(r.path("id"), r.path("redirect_url"));
    }

    public record Created(String id, String redirectUrl) {
    }

    /** A browser that opened a session's link. */
    public record Browser(String sessionId, String secret) {
        public String path() {
            return "/verify/" + sessionId;
        }
    }

    public static Browser open(String redirectUrl) {
        Response r = given().redirects().follow(false).get(redirectUrl);
        r.then().statusCode(303);
        String location = r.header("Location");
        String secret = r.getCookie(BINDING_COOKIE);
        assertNotNull(secret, "the link sets the binding cookie");
        String path = URI.create(location).getPath();
        assertTrue(path.startsWith("/verify/"), location);
        return new Browser(path.substring("/verify/".length()), secret);
    }

    /** Ticks consent; returns the provider URL the gateway redirected to. */
    public static String consent(Browser b) {
        Response r = given().redirects().follow(false).cookie(BINDING_COOKIE, b.secret())
                .formParams(shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");
        r.then().statusCode(302);
        return r.header("Location");
    }

    private static final java.util.regex.Pattern HIDDEN = java.util.regex.Pattern.compile(
            "<input type=\"hidden\" name=\"(rules_version|rules_digest)\" value=\"([^\"]*)\">");

    /**
     * The hidden fields of the consent page ({@code rules_version}, {@code rules_digest}): which
     * rules the page showed, as a browser submits them with the form.
     */
    public static Map<String, String> shownRules(Browser b) {
        String page = given().cookie(BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200).extract().asString();
        Map<String, String> fields = new LinkedHashMap<>();
        java.util.regex.Matcher m = HIDDEN.matcher(page);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        assertEquals(2, fields.size(), "the consent page carries the shown rules' version and digest");
        return fields;
    }

    /** At the sandbox: follows the certify URL to the face page and presses pass or fail; returns the gateway return URL. */
    public static String faceCapture(String certifyUrl, String outcome) {
        Response certify = given().urlEncodingEnabled(false).redirects().follow(false).get(certifyUrl);
        certify.then().statusCode(302);
        String facePage = certify.header("Location");
        String certifyId = query(URI.create(absolute(facePage)), "certify_id");
        assertNotNull(certifyId, facePage);
        given().get(absolute(facePage)).then().statusCode(200);
        Response face = given().redirects().follow(false).formParam("certify_id", certifyId)
                .formParam("outcome", outcome).post("/sandbox/face");
        face.then().statusCode(302);
        return face.header("Location");
    }

    /** Comes back to the gateway; returns where it sent the browser. */
    public static Response comeBack(Browser b, String returnUrl) {
        return given().redirects().follow(false).cookie(BINDING_COOKIE, b.secret()).get(URI.create(returnUrl).getPath());
    }

    /** The whole browser part; returns the platform redirect. */
    public static String completeFlow(String redirectUrl, String outcome) {
        Browser b = open(redirectUrl);
        given().cookie(BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200);
        String returnUrl = faceCapture(consent(b), outcome);
        Response back = comeBack(b, returnUrl);
        back.then().statusCode(302);
        return back.header("Location");
    }

    public static String status(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/verifications/" + id).then().statusCode(200)
                .extract().path("status");
    }

    public static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String absolute(String location) {
        return location.startsWith("http") ? location
                : io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + location;
    }

    public static void assertRedirectStatus(String location, String id, String status) {
        URI uri = URI.create(location);
        assertEquals(DEMO_RETURN, uri.getPath());
        assertEquals(id, query(uri, "verification_id"));
        assertEquals(status, query(uri, "status"));
    }
}
