package org.realname.gateway.result;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.crypto.Sm2Verifier;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Signed receipts: they verify with the published certificate in Java and in openssl, survive a signing-key rotation, and expose tampering. */
@QuarkusTest
class ReceiptTest {

    @Inject
    DataSource dataSource;

    private static JsonPath receipt(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/verifications/" + id + "/receipt")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void verifyInJava(JsonPath r) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509", GmProvider.provider())
                .generateCertificate(new ByteArrayInputStream(r.getString("certificate").getBytes(StandardCharsets.US_ASCII)));
        new Sm2Verifier(cert.getPublicKey()).verify(Base64.getDecoder().decode(r.getString("signature")),
                r.getString("receipt").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPassedVerification_hasAReceipt_thatVerifiesInJavaAndInOpenssl() throws Exception {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, "张三", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");

        JsonPath r = receipt(platform, c.id());
        String text = r.getString("receipt");
        assertTrue(text.startsWith("realname-gateway-receipt/1\n"), text);
        assertTrue(text.contains("session_id=" + c.id() + "\n"));
        assertTrue(text.contains("account_id=" + account + "\n"));
        assertTrue(text.contains("outcome=PASS\n"));
        assertFalse(text.contains("张三"), "no personal data in the receipt");
        assertEquals("SM3withSM2", r.getString("algorithm"));
        assertEquals("1234567812345678", r.getString("user_id"));

        verifyInJava(r);
        JsonPath tampered = JsonPath.from(r.prettify().replace("outcome=PASS", "outcome=FAIL"));
        assertThrows(GeneralSecurityException.class, () -> verifyInJava(tampered));

        Path dir = Files.createTempDirectory("receipt");
        Files.writeString(dir.resolve("receipt.txt"), text, StandardCharsets.UTF_8);
        Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(r.getString("signature")));
        Files.writeString(dir.resolve("cert.pem"), r.getString("certificate"), StandardCharsets.US_ASCII);
        assertEquals(0, openssl(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem"));
        assertEquals(0, openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "sig.der", "receipt.txt"), "openssl verifies the receipt");
        Files.writeString(dir.resolve("receipt.txt"), text.replace("outcome=PASS", "outcome=FAIL"), StandardCharsets.UTF_8);
        assertNotEquals(0, openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "sig.der", "receipt.txt"), "openssl rejects a tampered receipt");

        // Auditors may read receipts too.
        receipt(Api.token("auditor"), c.id());
    }

    @Test
    void receiptsSurviveASigningKeyRotation_andNewOnesUseTheNewKey() throws Exception {
        String platform = Api.token("platform");
        Api.Created before = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.completeFlow(before.redirectUrl(), "fail");
        String oldKey = receipt(platform, before.id()).getString("signing_key_id");

        String newKey = given().auth().oauth2(Api.token("admin")).contentType(ContentType.JSON)
                .body(Map.of("kind", "SIGNING")).post("/api/v1/admin/keys/rotate")
                .then().statusCode(202).extract().path("key_id");
        assertNotEquals(oldKey, newKey);

        Api.Created after = Api.created(platform, Api.signup(TestIds.randomAccount(), "李四", TestIds.random()));
        Api.completeFlow(after.redirectUrl(), "pass");

        JsonPath old = receipt(platform, before.id());
        assertEquals(oldKey, old.getString("signing_key_id"), "an old receipt keeps its key id");
        verifyInJava(old);
        JsonPath fresh = receipt(platform, after.id());
        assertEquals(newKey, fresh.getString("signing_key_id"));
        verifyInJava(fresh);
    }

    @Test
    void aResultChangedInTheDatabase_isReportedNotSigned() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "fail");
        Db.exec(dataSource, "UPDATE verification_result SET outcome = 'PASS' WHERE session_id = ?", c.id());

        given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id() + "/receipt")
                .then().statusCode(500).body("type", equalTo("https://realname-gateway.dev/problems/data-integrity"));
    }

    @Test
    void noReceipt_beforeTheResult_orWithoutARole() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id() + "/receipt")
                .then().statusCode(404).body("type", equalTo("https://realname-gateway.dev/problems/verification-not-found"));
        given().get("/api/v1/verifications/" + c.id() + "/receipt").then().statusCode(401);
        given().auth().oauth2(Api.token("admin")).get("/api/v1/verifications/" + c.id() + "/receipt").then().statusCode(403);
    }

    private static int openssl(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
