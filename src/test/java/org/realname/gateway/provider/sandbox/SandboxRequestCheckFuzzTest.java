package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.realname.gateway.provider.alipay.AlipaySignatures;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.RequestSigner;
import org.realname.gateway.provider.alipay.SignType;
import org.realname.gateway.provider.alipay.SignedRequest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The sandbox's {@code gateway.do} envelope check on what a client can send:
 * <ul>
 *   <li>any query and form body are merged and checked without an exception, and are accepted
 *       only with a good signature over exactly the merged parameters;</li>
 *   <li>a request the gateway's own {@link RequestSigner} signed, sent as the SDK sends it (query
 *       and form body) or as a page URL, decodes to the signed parameters and is accepted;</li>
 *   <li>with one character of the encoded request changed, it is refused, unless it still
 *       decodes to the same signed content.</li>
 * </ul>
 */
class SandboxRequestCheckFuzzTest {

    private static final KeyPair RSA = PemKeys.generateRsa();
    private static final KeyPair SM2 = PemKeys.generateSm2();
    private static final Map<SignType, KeyPair> KEYS = Map.of(SignType.RSA2, RSA, SignType.SM2, SM2);
    private static final Instant NOW = Instant.parse("2026-06-01T04:00:00Z");
    private static final String APP_ID = "2021000000000001";
    private static final Set<String> METHODS = Set.of("alipay.user.certify.open.initialize", "alipay.user.certify.open.query");
    private static final Duration SKEW = Duration.ofMinutes(10);

    private final SandboxRequestCheck check = new SandboxRequestCheck(APP_ID,
            Map.of(SignType.RSA2, RSA.getPublic(), SignType.SM2, SM2.getPublic()), SKEW, METHODS);

    @FuzzTest
    void anyRequestIsCheckedAndAcceptedOnlyWhenSigned(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int split = text.indexOf('\n');
        Map<String, String> params = split < 0 ? SandboxParams.merge(text, null)
                : SandboxParams.merge(text.substring(0, split), text.substring(split + 1));
        Optional<SandboxReply> reply = check.check(params, NOW);
        if (reply.isEmpty()) {
            assertTrue(goodSignature(params), "accepted only with a good signature over the merged parameters");
        }
    }

    @FuzzTest
    void signedRequestIsAcceptedAndChangesAreRefused(FuzzedDataProvider data) {
        SignType type = data.pickValue(SignType.values());
        Instant sentAt = NOW.plusSeconds(data.consumeLong(-SKEW.toSeconds() + 1, SKEW.toSeconds() - 1));
        String method = data.pickValue(METHODS.stream().sorted().toList());
        String bizContent = data.consumeString(200);
        SignedRequest signed = new RequestSigner(APP_ID, type, KEYS.get(type).getPrivate(),
                Clock.fixed(sentAt, ZoneOffset.UTC)).sign(method, bizContent);
        Map<String, String> all = new LinkedHashMap<>(signed.query());
        all.putAll(signed.body());
        String content = signedText(all);

        boolean page = data.consumeBoolean();
        String query = page ? signed.pageQueryString() : signed.queryString();
        String body = page ? null : signed.formBody();
        Map<String, String> merged = SandboxParams.merge(query, body);
        assertEquals(content, signedText(merged), "the encoded request decodes to what was signed");
        assertEquals(Optional.empty(), check.check(merged, NOW).map(SandboxReply::subCode), "a signed request is accepted");

        boolean inQuery = body == null || data.consumeBoolean();
        String target = inQuery ? query : body;
        if (target.isEmpty()) {
            return;
        }
        int at = data.consumeInt(0, target.length() - 1);
        char c = data.consumeChar();
        String changed = target.substring(0, at) + c + target.substring(at + 1);
        Map<String, String> tampered = inQuery ? SandboxParams.merge(changed, body) : SandboxParams.merge(query, changed);
        if (check.check(tampered, NOW).isEmpty()) {
            assertEquals(content, signedText(tampered), "a changed request passes only if it means the same");
        }
    }

    /**
     * The signed bytes as text: a string with a lone surrogate is signed as its UTF-8 encoding
     * ({@code ?} in its place), and that is also what the URL encoding carries.
     */
    private static String signedText(Map<String, String> params) {
        return new String(AlipaySignatures.stringToSign(params).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static boolean goodSignature(Map<String, String> params) {
        Optional<SignType> type = SignType.fromProtocol(params.get("sign_type"));
        return type.isPresent() && AlipaySignatures.verify(type.get(), KEYS.get(type.get()).getPublic(),
                AlipaySignatures.stringToSign(params), params.get("sign"));
    }
}
