package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SignType.SM2} against an independent implementation, the system's openssl 3 (skipped
 * where it is missing or lacks SM2): each verifies the other's signatures with the protocol's
 * user ID, and openssl's default (empty) ID does not verify ours, so the ID is really in use.
 */
class Sm2OpensslCrossTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String CONTENT = "app_id=2021000000000001&biz_content={\"certify_id\":\"a/b 张\"}&sign_type=SM2";
    private static final KeyPair KEYS = PemKeys.generateSm2();

    @TempDir
    Path dir;

    @BeforeAll
    static void opensslWithSm2() {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    }

    @Test
    void opensslVerifiesOurSignature_onlyWithTheProtocolsUserId() throws Exception {
        Path message = write("msg.txt", CONTENT.getBytes(StandardCharsets.UTF_8));
        Path pub = write("pub.pem", PemKeys.toPem(KEYS.getPublic()).getBytes(StandardCharsets.US_ASCII));
        Path sig = write("sig.der", Base64.getDecoder().decode(AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT)));

        assertEquals(0, openssl("dgst", "-sm3", "-verify", pub.toString(), "-sigopt", "distid:" + SignType.SM2_USER_ID,
                "-signature", sig.toString(), message.toString()));
        assertNotEquals(0, openssl("dgst", "-sm3", "-verify", pub.toString(), "-signature", sig.toString(), message.toString()));
    }

    @Test
    void weVerifyOpensslsSignature() throws Exception {
        Path message = write("msg.txt", CONTENT.getBytes(StandardCharsets.UTF_8));
        Path key = write("key.pem", PemKeys.toPem(KEYS.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        Path sig = dir.resolve("openssl.der");
        assertEquals(0, openssl("dgst", "-sm3", "-sign", key.toString(), "-sigopt", "distid:" + SignType.SM2_USER_ID,
                "-out", sig.toString(), message.toString()));

        String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(sig));
        assertTrue(AlipaySignatures.verify(SignType.SM2, KEYS.getPublic(), CONTENT, signature));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The exit code; output is discarded (it names only files and results). */
    private int openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        return process.exitValue();
    }
}
