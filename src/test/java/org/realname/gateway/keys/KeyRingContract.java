package org.realname.gateway.keys;

import org.realname.gateway.tenant.AccountRef;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.identity.PersonName;
import org.realname.gateway.result.ResultRepository;
import org.realname.gateway.result.VerificationResult;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Rotation without downtime, crypto-shredding and signing keys, over the real API and database.
 * Run on H2 and on PostgreSQL by its subclasses.
 */
public abstract class KeyRingContract {

    private static final String[] NAMES = {"王小明", "李四", "欧阳娜娜", "赵六"};

    @Inject
    DataSource dataSource;
    @Inject
    KeyRingService keyRing;
    @Inject
    IdentitySealer sealer;
    @Inject
    IdentityCipher cipher;
    @Inject
    ResultRepository results;

    String admin;
    String platform;


    @BeforeEach
    void tokens() {
        admin = Api.token("admin");
        platform = Api.token("platform");
    }

    /** An account that passed sign-up, with what its masked view must show. */
    record Verified(String account, String maskedName, String maskedId) {
    }

    private Verified verifiedAccount(int n) {
        String account = TestIds.randomAccount();
        String name = NAMES[n % NAMES.length];
        String id = TestIds.random();
        Api.Created created = Api.created(platform, Api.signup(account, name, id));
        Api.assertRedirectStatus(Api.completeFlow(created.redirectUrl(), "pass"), created.id(), "PASSED");
        return new Verified(account, PersonName.parse(name).masked(), IdNumber.parse(id).masked());
    }

    private void assertOpens(Verified v) {
        given().auth().oauth2(platform).get("/api/v1/accounts/" + v.account() + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true))
                .body("name", equalTo(v.maskedName()))
                .body("id_number", equalTo(v.maskedId()))
                .body("erased", nullValue());
    }

    private Response rotate(String kind) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("kind", kind))
                .post("/api/v1/admin/keys/rotate");
    }

    private String statusOf(String keyId) {
        return Db.string(dataSource, "SELECT status FROM key_version WHERE key_id = ?", keyId);
    }

    @Test
    void rotateKek_whileVerificationsRun_everyRecordStillOpens_allDeksMoveToTheNewKek_oldKekDisabled() throws Exception {
        String oldKek = keyRing.activeKeyId(KeyKind.KEK);
        List<Verified> verified = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            verified.add(verifiedAccount(i));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Verified>>> flows = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                flows.add(pool.submit(() -> {
                    List<Verified> mine = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        mine.add(verifiedAccount(thread + i));
                    }
                    return mine;
                }));
            }
            Future<String> rotation = pool.submit((Callable<String>) () -> {
                Thread.sleep(300);
                Response r = rotate("KEK");
                r.then().statusCode(202).body("kind", equalTo("KEK")).body("status", equalTo("ACTIVE"));
                return r.path("key_id");
            });
            for (Future<List<Verified>> f : flows) {
                verified.addAll(f.get());
            }
            String newKek = rotation.get();
            assertNotEquals(oldKek, newKek);
            assertEquals("ACTIVE", statusOf(newKek));

            awaitRewrapDone(oldKek);

            assertEquals("DISABLED", statusOf(oldKek));
            assertEquals(0, Db.count(dataSource,
                    "SELECT COUNT(*) FROM account_key WHERE wrapped_dek IS NOT NULL AND kek_key_id <> ?", newKek));
            for (Verified v : verified) {
                assertEquals(newKek, Db.string(dataSource, "SELECT kek_key_id FROM account_key WHERE account_id = ?", v.account()));
                assertOpens(v);
            }
            given().auth().oauth2(admin).get("/api/v1/admin/keys").then().statusCode(200)
                    .body("data_keys_to_rewrap", equalTo(0))
                    .body("versions.find { it.key_id == '" + newKek + "' }.status", equalTo("ACTIVE"))
                    .body("versions.find { it.key_id == '" + oldKek + "' }.status", equalTo("DISABLED"));
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitRewrapDone(String oldKek) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Response status = given().auth().oauth2(admin).get("/api/v1/admin/keys");
            status.then().statusCode(200);
            if (((Number) status.path("data_keys_to_rewrap")).longValue() == 0 && "DISABLED".equals(statusOf(oldKek))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the re-wrap did not finish in 30 s");
    }

    @Test
    void shred_oneAccountsDataNoLongerOpens_anotherStillDoes_outcomeFactsRemain() {
        Verified shredded = verifiedAccount(0);
        Verified kept = verifiedAccount(1);
        long resultsBefore = Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE account_id = ?", shredded.account());

        Response r = given().auth().oauth2(admin).post("/api/v1/admin/accounts/" + shredded.account() + "/shred");
        r.then().statusCode(200).body("account_id", equalTo(shredded.account())).body("erased", equalTo(true));
        String erasedAt = r.path("erased_at");

        // The platform still learns the facts, without the identity.
        given().auth().oauth2(platform).get("/api/v1/accounts/" + shredded.account() + "/real-name?max_age=PT10M")
                .then().statusCode(200)
                .body("verified", equalTo(true))
                .body("erased", equalTo(true))
                .body("recent", equalTo(true))
                .body("name", nullValue())
                .body("id_number", nullValue());
        assertOpens(kept);

        // Opening directly fails with a typed error; sealing anew does not make a new key.
        GatewayException opened = assertThrows(GatewayException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            VerificationResult result = results.binding(AccountRef.ofDefault(shredded.account())).orElseThrow();
            sealer.open(AccountRef.ofDefault(shredded.account()), result.sealedIdentity(), VerificationResult.TABLE, result.id());
        }));
        assertEquals(ErrorCode.ACCOUNT_ERASED, opened.code());
        GatewayException sealed = assertThrows(GatewayException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> cipher.seal(AccountRef.ofDefault(shredded.account()), "x", "verification_result:name:r")));
        assertEquals(ErrorCode.ACCOUNT_ERASED, sealed.code());
        Api.create(platform, Api.reverify(shredded.account())).then().statusCode(410)
                .body("type", equalTo(ErrorCode.ACCOUNT_ERASED.type()));

        assertEquals(resultsBefore, Db.count(dataSource,
                "SELECT COUNT(*) FROM verification_result WHERE account_id = ? AND outcome = 'PASS' AND verified_at IS NOT NULL", shredded.account()));
        assertEquals(1, Db.count(dataSource,
                "SELECT COUNT(*) FROM account_key WHERE account_id = ? AND wrapped_dek IS NULL AND destroyed_at IS NOT NULL", shredded.account()));
        // Shredding again changes nothing.
        given().auth().oauth2(admin).post("/api/v1/admin/accounts/" + shredded.account() + "/shred")
                .then().statusCode(200).body("erased_at", equalTo(erasedAt));
    }

    @Test
    void shred_accountWithoutData_preventsAnyKeyLater() {
        String account = TestIds.randomAccount();
        given().auth().oauth2(admin).post("/api/v1/admin/accounts/" + account + "/shred").then().statusCode(200);

        Api.create(platform, Api.signup(account, "张三", TestIds.random())).then().statusCode(410)
                .body("type", equalTo(ErrorCode.ACCOUNT_ERASED.type()));
    }

    @Test
    void tamperedWrappedDek_failsClosed_withTypedProblem() {
        Verified v = verifiedAccount(2);
        byte[] wrapped = Db.bytes(dataSource, "SELECT wrapped_dek FROM account_key WHERE account_id = ?", v.account());
        byte[] changed = wrapped.clone();
        changed[changed.length - 1] ^= 0x01;
        Db.exec(dataSource, "UPDATE account_key SET wrapped_dek = ? WHERE account_id = ?", changed, v.account());
        try {
            given().auth().oauth2(platform).get("/api/v1/accounts/" + v.account() + "/real-name").then().statusCode(500)
                    .body("type", equalTo(ErrorCode.DATA_INTEGRITY.type()));
        } finally {
            Db.exec(dataSource, "UPDATE account_key SET wrapped_dek = ? WHERE account_id = ?", wrapped, v.account());
        }
        assertOpens(v);
    }

    @Test
    void valueOpenedWithAnotherAadOrAccount_failsClosed() {
        Verified a = verifiedAccount(0);
        Verified b = verifiedAccount(1);
        SealedValue value = QuarkusTransaction.requiringNew().call(() -> cipher.seal(AccountRef.ofDefault(a.account()), "秘密", "t:c:1"));

        assertEquals("秘密", QuarkusTransaction.requiringNew().call(() -> cipher.open(AccountRef.ofDefault(a.account()), value, "t:c:1")));
        GatewayException otherAad = assertThrows(GatewayException.class,
                () -> QuarkusTransaction.requiringNew().call(() -> cipher.open(AccountRef.ofDefault(a.account()), value, "t:c:2")));
        assertEquals(ErrorCode.DATA_INTEGRITY, otherAad.code());
        GatewayException otherAccount = assertThrows(GatewayException.class,
                () -> QuarkusTransaction.requiringNew().call(() -> cipher.open(AccountRef.ofDefault(b.account()), value, "t:c:1")));
        assertEquals(ErrorCode.DATA_INTEGRITY, otherAccount.code());
        GatewayException legacy = assertThrows(GatewayException.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> cipher.open(AccountRef.ofDefault(a.account()), new SealedValue("record-v1", value.ciphertext()), "t:c:1")));
        assertEquals(ErrorCode.KEY_UNAVAILABLE, legacy.code());
    }

    @Test
    void rotateSigning_newKeyActive_oldPassiveStillVerifiesEarlierSignature() {
        byte[] receipt = "account A passed at T for SIGNUP".getBytes(UTF_8);
        KeyRingService.Signed before = keyRing.sign(receipt);

        Response r = rotate("SIGNING");
        r.then().statusCode(202).body("kind", equalTo("SIGNING"));
        String newKey = r.path("key_id");

        assertNotEquals(before.keyId(), newKey);
        assertEquals("ACTIVE", statusOf(newKey));
        assertEquals("PASSIVE", statusOf(before.keyId()));
        assertTrue(keyRing.verify(before.keyId(), receipt, before.signature()), "a passive key still verifies");
        KeyRingService.Signed after = keyRing.sign(receipt);
        assertEquals(newKey, after.keyId());
        assertTrue(keyRing.verify(newKey, receipt, after.signature()));
        assertFalse(keyRing.verify(before.keyId(), receipt, after.signature()), "found by key id, not by trying all keys");
        assertFalse(keyRing.verify(newKey, "changed".getBytes(UTF_8), after.signature()));
        assertFalse(keyRing.verify("sign-v999", receipt, after.signature()));
        assertNotNull(keyRing.certificate(before.keyId()));
    }

    @Test
    void adminApi_platformToken_is403_everywhere() {
        given().auth().oauth2(platform).get("/api/v1/admin/keys").then().statusCode(403);
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(Map.of("kind", "KEK"))
                .post("/api/v1/admin/keys/rotate").then().statusCode(403);
        given().auth().oauth2(platform).post("/api/v1/admin/accounts/acct-x/shred").then().statusCode(403);
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = 'acct-x'"));
    }

    @Test
    void adminApi_noToken_is401() {
        given().get("/api/v1/admin/keys").then().statusCode(401);
    }

    @Test
    void adminApi_unknownKind_is400_andRotatesNothing() {
        long before = Db.count(dataSource, "SELECT COUNT(*) FROM key_version");
        rotate("BLIND_INDEX").then().statusCode(400).body("type", equalTo(ErrorCode.INVALID_REQUEST.type()));
        assertEquals(before, Db.count(dataSource, "SELECT COUNT(*) FROM key_version"));
    }
}
