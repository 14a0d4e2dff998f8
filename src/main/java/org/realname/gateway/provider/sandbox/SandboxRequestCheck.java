package org.realname.gateway.provider.sandbox;

import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.realname.gateway.provider.alipay.AlipaySignatures;
import org.realname.gateway.provider.alipay.SignType;

/**
 * The envelope checks of {@code gateway.do}, in the order a gateway can make them: required
 * system parameters, registered {@code app_id}, known {@code method}, {@code format},
 * {@code charset}, {@code sign_type} (legacy {@code RSA} refused), {@code version},
 * {@code timestamp} format and skew, then the signature over the merged parameters with the
 * registered app's public key of the request's {@code sign_type} (an app registers one key per
 * type). Pure; thread-safe.
 */
final class SandboxRequestCheck {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private final String appId;
    private final Map<SignType, PublicKey> appPublicKeys;
    private final Duration skew;
    private final Set<String> methods;

    SandboxRequestCheck(String appId, Map<SignType, PublicKey> appPublicKeys, Duration skew, Set<String> methods) {
        this.appId = appId;
        this.appPublicKeys = new EnumMap<>(appPublicKeys);
        this.skew = skew;
        this.methods = methods;
    }

    /** The error to answer, or empty when the envelope is valid and correctly signed. */
    Optional<SandboxReply> check(Map<String, String> p, Instant now) {
        if (blank(p, "app_id")) {
            return err(SandboxReply.missing("isv.missing-app-id", "缺少AppID参数"));
        }
        if (blank(p, "method")) {
            return err(SandboxReply.missing("isv.missing-method", "缺少方法名参数"));
        }
        if (blank(p, "sign_type")) {
            return err(SandboxReply.missing("isv.missing-signature-type", "缺少签名类型参数"));
        }
        if (blank(p, "sign")) {
            return err(SandboxReply.missing("isv.missing-signature", "缺少签名参数"));
        }
        if (blank(p, "timestamp")) {
            return err(SandboxReply.missing("isv.missing-timestamp", "缺少时间戳参数"));
        }
        if (blank(p, "version")) {
            return err(SandboxReply.missing("isv.missing-version", "缺少版本参数"));
        }
        if (!appId.equals(p.get("app_id"))) {
            return err(SandboxReply.invalid("isv.invalid-app-id", "无效的AppID参数"));
        }
        if (!methods.contains(p.get("method"))) {
            return err(SandboxReply.invalid("isv.invalid-method", "不存在的方法名"));
        }
        if (!blank(p, "format") && !"json".equalsIgnoreCase(p.get("format"))) {
            return err(SandboxReply.invalid("isv.invalid-format", "无效的数据格式"));
        }
        if (!blank(p, "charset") && !"utf-8".equalsIgnoreCase(p.get("charset"))) {
            return err(SandboxReply.invalid("isv.invalid-charset", "字符集错误"));
        }
        Optional<SignType> signType = SignType.fromProtocol(p.get("sign_type"));
        if (signType.isEmpty() || !appPublicKeys.containsKey(signType.get())) {
            return err(SandboxReply.invalid("isv.invalid-signature-type", "无效的签名类型"));
        }
        if (!"1.0".equals(p.get("version"))) {
            return err(SandboxReply.invalid("isv.invalid-version", "无效的版本"));
        }
        if (!timestampWithinSkew(p.get("timestamp"), now)) {
            return err(SandboxReply.invalid("isv.invalid-timestamp", "非法的时间戳参数"));
        }
        String content = AlipaySignatures.stringToSign(p);
        if (!AlipaySignatures.verify(signType.get(), appPublicKeys.get(signType.get()), content, p.get("sign"))) {
            return err(SandboxReply.invalid("isv.invalid-signature", "验签出错"));
        }
        return Optional.empty();
    }

    private boolean timestampWithinSkew(String timestamp, Instant now) {
        try {
            Instant sent = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.ofHours(8));
            return Duration.between(sent, now).abs().compareTo(skew) <= 0;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean blank(Map<String, String> p, String key) {
        String v = p.get(key);
        return v == null || v.isEmpty();
    }

    private static Optional<SandboxReply> err(SandboxReply reply) {
        return Optional.of(reply);
    }
}
