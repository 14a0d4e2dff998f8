package org.realname.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** With the desktop hand-off on: desktops get the QR page after consent, phones go straight to the provider. */
@QuarkusTest
@TestProfile(HandoffPageTest.HandoffOn.class)
class HandoffPageTest {

    public static final class HandoffOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.web.desktop-handoff", "true");
        }
    }

    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148";

    @Test
    void desktopBrowser_getsAQrCodeOfTheAppLink() {
        Api.Browser b = Api.open(Api.created(Api.token("platform"),
                Api.signup(TestIds.randomAccount(), "张三", TestIds.random())).redirectUrl());
        Response consent = given().redirects().follow(false).header("User-Agent", DESKTOP)
                .cookie(Api.BINDING_COOKIE, b.secret()).formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");
        assertEquals(303, consent.statusCode());
        assertEquals(b.path() + "/handoff", java.net.URI.create(consent.header("Location")).getPath());

        given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path() + "/handoff").then().statusCode(200)
                .body(containsString("<svg"))
                .body(containsString("alipays://platformapi/startapp?appId=20000067&amp;url="))
                .body(containsString("/sandbox/gateway.do"));
        // Another browser cannot read the hand-off page.
        given().get(b.path() + "/handoff").then().statusCode(403);
    }

    @Test
    void phone_goesStraightToTheProvider() {
        Api.Browser b = Api.open(Api.created(Api.token("platform"),
                Api.signup(TestIds.randomAccount(), "张三", TestIds.random())).redirectUrl());
        Response consent = given().redirects().follow(false).header("User-Agent", PHONE)
                .cookie(Api.BINDING_COOKIE, b.secret()).formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");
        assertEquals(302, consent.statusCode());
        assertEquals("/sandbox/gateway.do", java.net.URI.create(consent.header("Location")).getPath());
    }
}
