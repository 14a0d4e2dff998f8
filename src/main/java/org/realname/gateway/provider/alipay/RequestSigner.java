package org.realname.gateway.provider.alipay;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds signed requests for one merchant app: adds the system parameters ({@code app_id},
 * {@code method}, {@code format=json}, {@code charset=UTF-8}, {@code sign_type},
 * {@code timestamp} in GMT+8, {@code version=1.0}), signs query and body together with
 * {@link AlipaySignatures}, and puts {@code sign} in the query. Pure apart from the clock;
 * thread-safe.
 */
public final class RequestSigner {

    /** Protocol timestamps are always written in China Standard Time, whatever the server's zone. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));
    public static final String BIZ_CONTENT = "biz_content";

    private final String appId;
    private final SignType signType;
    private final PrivateKey appPrivateKey;
    private final Clock clock;

    public RequestSigner(String appId, SignType signType, PrivateKey appPrivateKey, Clock clock) {
        this.appId = appId;
        this.signType = signType;
        this.appPrivateKey = appPrivateKey;
        this.clock = clock;
    }

    /** Signs a call of {@code method} with the given JSON {@code biz_content}. */
    public SignedRequest sign(String method, String bizContent) {
        Map<String, String> query = new TreeMap<>();
        query.put("app_id", appId);
        query.put("method", method);
        query.put("format", "json");
        query.put("charset", "UTF-8");
        query.put("sign_type", signType.name());
        query.put("timestamp", TIMESTAMP.format(clock.instant()));
        query.put("version", "1.0");
        Map<String, String> body = new LinkedHashMap<>();
        body.put(BIZ_CONTENT, bizContent);

        Map<String, String> all = new TreeMap<>(query);
        all.putAll(body);
        String sign = AlipaySignatures.sign(signType, appPrivateKey, AlipaySignatures.stringToSign(all));
        Map<String, String> signedQuery = new LinkedHashMap<>(query);
        signedQuery.put(AlipaySignatures.SIGN, sign);
        return new SignedRequest(signedQuery, body);
    }
}
