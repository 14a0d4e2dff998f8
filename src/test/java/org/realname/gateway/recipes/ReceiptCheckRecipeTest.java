package org.realname.gateway.recipes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code docs/receipts.md}, "Checking one in Java": the program as written, in a fresh JVM with
 * only bcprov, on a receipt fetched from the API and written out as the openssl recipe writes it.
 */
@QuarkusTest
class ReceiptCheckRecipeTest {

    static final String RECIPE = "docs/recipes/ReceiptCheck.java";

    @Test
    void theDocShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("docs/receipts.md", RECIPE);
    }

    @Test
    void theRecipe_verifiesAReceipt_andRefusesATamperedOne() throws Exception {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        JsonPath r = given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id() + "/receipt")
                .then().statusCode(200).extract().jsonPath();

        Path dir = Files.createTempDirectory("receipt-recipe");
        Path text = dir.resolve("receipt.txt");
        Files.writeString(text, r.getString("receipt"), StandardCharsets.UTF_8);
        Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(r.getString("signature")));
        Files.writeString(dir.resolve("cert.pem"), r.getString("certificate"), StandardCharsets.US_ASCII);

        Recipes.Run ok = run(dir);
        assertEquals(0, ok.exit(), ok.both());
        assertEquals("Verified OK", ok.out().strip(), ok.both());

        Files.writeString(text, r.getString("receipt").replace("outcome=PASS", "outcome=FAIL"), StandardCharsets.UTF_8);
        Recipes.Run tampered = run(dir);
        assertEquals(1, tampered.exit(), tampered.both());
        assertEquals("Verification FAILED", tampered.out().strip(), tampered.both());
    }

    private static Recipes.Run run(Path dir) throws Exception {
        return Recipes.runJava(Recipes.jars("bcprov-jdk18on"), Recipes.file(RECIPE),
                dir.resolve("receipt.txt").toString(), dir.resolve("sig.der").toString(), dir.resolve("cert.pem").toString());
    }
}
