package org.realname.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

/**
 * One complete verification as a new user's browser makes it, request by request (redirects are
 * not followed, so each step is timed on its own), the way the flow tests drive it
 * (src/test/java/.../support/Api.java):
 * <ol>
 * <li>the platform creates the session (bearer token, Idempotency-Key, a fresh account and ID number);</li>
 * <li>the browser opens the one-time link (303, binding cookie);</li>
 * <li>the consent page (its hidden {@code rules_version} and {@code rules_digest});</li>
 * <li>consent (302 to the provider's signed certify URL);</li>
 * <li>the provider's certify URL (302 to its face page);</li>
 * <li>the face page;</li>
 * <li>Pass (302 back to the gateway);</li>
 * <li>the return: the gateway asks the provider and sends the browser to the platform with
 * {@code status=PASSED}.</li>
 * </ol>
 * A failed check ends the journey (it is counted as an error, never as a flow). The virtual user
 * keeps its cookies, as a browser does; each journey is a new virtual user, so a new browser.
 */
final class Journey {

    /** A phone: consent then goes straight to the provider (no desktop hand-off page). */
    static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

    private Journey() {
    }

    /**
     * @param token       the platform's bearer token (fetched once the gateway is up)
     * @param gatewayBase the gateway's origin (the return URL must be on it)
     */
    static ChainBuilder complete(Supplier<String> token, String gatewayBase) {
        return exec(session -> session
                .set("account", "load-" + UUID.randomUUID())
                .set("idNumber", IdNumbers.next())
                .set("idempotencyKey", UUID.randomUUID().toString()))
                .exec(http("1 create").post(gatewayBase + "/api/v1/verifications")
                        .header("Authorization", s -> "Bearer " + token.get())
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .header("Content-Type", "application/json")
                        .body(StringBody(s -> createBody(s, gatewayBase)))
                        .check(status().is(201), jsonPath("$.id").saveAs("id"),
                                jsonPath("$.redirect_url").saveAs("link")))
                .exec(http("2 open link").get("#{link}")
                        .check(status().is(303), header("Location").saveAs("consentPage")))
                .exec(http("3 consent page").get(s -> absolute(gatewayBase, s.getString("consentPage")))
                        .check(status().is(200),
                                regex("name=\"rules_version\" value=\"([^\"]*)\"").saveAs("rulesVersion"),
                                regex("name=\"rules_digest\" value=\"([^\"]*)\"").saveAs("rulesDigest")))
                .exec(http("4 consent").post(gatewayBase + "/verify/#{id}/consent")
                        .formParam("consent", "on")
                        .formParam("rules_version", "#{rulesVersion}")
                        .formParam("rules_digest", "#{rulesDigest}")
                        .check(status().is(302), header("Location").saveAs("certifyUrl")))
                // The signed URL is already encoded; encoding it again would break the signature.
                .exec(http("5 provider certify").get("#{certifyUrl}").disableUrlEncoding()
                        .check(status().is(302), header("Location").saveAs("facePage")))
                .exec(Journey::resolveFacePage)
                .exec(http("6 face page").get("#{faceUrl}").disableUrlEncoding().check(status().is(200)))
                .exec(http("7 pass").post("#{faceAction}")
                        .formParam("certify_id", "#{certifyId}")
                        .formParam("outcome", "pass")
                        .check(status().is(302), header("Location").saveAs("returnUrl")))
                .exec(http("8 return").get(s -> absolute(gatewayBase, s.getString("returnUrl")))
                        .check(status().is(302), header("Location").transform(l -> l.contains("status=PASSED")).is(true)));
    }

    private static String createBody(Session s, String gatewayBase) {
        return "{\"account_id\":\"" + s.getString("account") + "\",\"purpose\":\"SIGNUP\","
                + "\"return_url\":\"" + gatewayBase + "/demo/result\","
                + "\"name\":\"" + NAMES[ThreadLocalRandom.current().nextInt(NAMES.length)] + "\","
                + "\"id_number\":\"" + s.getString("idNumber") + "\"}";
    }

    private static final String[] NAMES = {"张三", "李四", "王五", "赵六", "欧阳娜娜"};

    /** The face page lives at the provider, wherever the certify URL pointed. */
    private static Session resolveFacePage(Session s) {
        URI certify = URI.create(s.getString("certifyUrl"));
        URI face = certify.resolve(s.getString("facePage"));
        String certifyId = null;
        for (String pair : face.getRawQuery().split("&")) {
            if (pair.startsWith("certify_id=")) {
                certifyId = java.net.URLDecoder.decode(pair.substring("certify_id=".length()),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return s.set("faceUrl", face.toString())
                .set("faceAction", certify.resolve("/sandbox/face").toString())
                .set("certifyId", certifyId == null ? "" : certifyId);
    }

    private static String absolute(String base, String location) {
        return location.startsWith("http") ? location : base + location;
    }
}
