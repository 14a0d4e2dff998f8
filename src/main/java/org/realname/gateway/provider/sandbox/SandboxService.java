package org.realname.gateway.provider.sandbox;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import org.realname.gateway.identity.Masking;
import org.realname.gateway.util.AfterCommit;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The business side of the simulated {@code alipay.user.certify.open.*} methods, one transaction
 * per call. Validates {@code biz_content}, keeps verifications, applies the test behaviours of
 * {@link SandboxBehaviour}. Never logs the identity it keeps.
 *
 * <p>Not final: the transaction interceptor subclasses it.
 */
@ApplicationScoped
public class SandboxService {

    static final Set<String> BIZ_CODES = Set.of("FACE", "SMART_FACE", "CERT_PHOTO", "CERT_PHOTO_FACE");
    private static final Pattern OUTER_ORDER_NO = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern CERTIFY_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** Harmless stand-ins for what the real provider returns, to prove the client never keeps them. */
    static final String IDENTITY_PLACEHOLDER = "{\"sandbox\":\"identity_info placeholder\"}";
    static final String MATERIAL_PLACEHOLDER = "{\"sandbox\":\"material_info placeholder\"}";

    /** How many verifications' fixed facts {@link #known} keeps. */
    static final int KNOWN = 10_000;

    private final SandboxCertificationRepository repository;
    private final SandboxConfig config;
    private final SecureRandom random = new SecureRandom();
    /**
     * What never changes once a verification is made (its app, the masked name, when it was
     * made), and whether this instance saw it finished: so the browser's certify redirect and
     * face page need no database read (the query, which the outcome rests on, always reads).
     * Bounded, least recently used first out; a miss reads the database.
     */
    private final Map<String, Known> known = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                    return size() > KNOWN;
                }
            });

    private static final class Known {
        final String appId;
        final String maskedName;
        final Instant createdAt;
        final SandboxBehaviour behaviour;
        /** Only ever moves from INIT to a final state, which never changes again. */
        volatile CertificationState state;

        Known(SandboxCertification c) {
            this.appId = c.appId();
            this.maskedName = c.maskedName();
            this.createdAt = c.createdAt();
            this.behaviour = c.behaviour();
            this.state = c.state();
        }
    }

    private final AfterCommit afterCommit;

    public SandboxService(SandboxCertificationRepository repository, SandboxConfig config, AfterCommit afterCommit) {
        this.repository = repository;
        this.config = config;
        this.afterCommit = afterCommit;
    }

    @Transactional
    SandboxReply initialize(String appId, JsonNode biz, Instant now) {
        String outerOrderNo = text(biz, "outer_order_no");
        if (outerOrderNo == null) {
            return SandboxReply.missing("isv.missing-outer-order-no", "缺少外部订单号");
        }
        if (!OUTER_ORDER_NO.matcher(outerOrderNo).matches()) {
            return SandboxReply.invalid("isv.invalid-parameter", "outer_order_no 须为不超过32位的字母数字");
        }
        String bizCode = text(biz, "biz_code");
        if (bizCode == null || !BIZ_CODES.contains(bizCode)) {
            return SandboxReply.invalid("isv.invalid-parameter", "biz_code 无效");
        }
        JsonNode identity = biz.path("identity_param");
        String certName = text(identity, "cert_name");
        String certNo = text(identity, "cert_no");
        if (!"CERT_INFO".equals(text(identity, "identity_type")) || text(identity, "cert_type") == null
                || certName == null || certNo == null || certName.length() > 128 || certNo.length() > 32) {
            return SandboxReply.invalid("isv.invalid-parameter", "identity_param 无效");
        }
        String returnUrl = text(biz.path("merchant_config"), "return_url");
        if (returnUrl == null || !isHttpUrl(returnUrl) || returnUrl.length() > 2048) {
            return SandboxReply.invalid("isv.invalid-parameter", "merchant_config.return_url 无效");
        }
        if (repository.existsOrder(appId, outerOrderNo)) {
            return SandboxReply.business("OUTER_ORDER_NO_USED", "外部订单号已使用");
        }
        String certifyId = HexFormat.of().formatHex(nextId());
        SandboxCertification made = new SandboxCertification(certifyId, appId, outerOrderNo, Masking.name(certName),
                SandboxBehaviour.of(certNo), returnUrl, now);
        repository.persist(made);
        // Known only once it is committed: a rolled-back one must stay unknown.
        Known facts = new Known(made);
        afterCommit.run(() -> known.put(certifyId, facts));
        return SandboxReply.success(Map.of("certify_id", certifyId));
    }

    /** The verification a {@code certify} page request may start, or the error to answer. */
    CertifyAnswer certify(String appId, JsonNode biz, Instant now) {
        String certifyId = text(biz, "certify_id");
        Optional<Known> facts = certifyId == null || !CERTIFY_ID.matcher(certifyId).matches() ? Optional.empty()
                : knownOrRead(certifyId);
        if (facts.isEmpty() || !facts.get().appId.equals(appId)) {
            return new CertifyAnswer(null, unknown());
        }
        if (!now.isBefore(facts.get().createdAt.plus(config.certifyIdTtl()))) {
            return new CertifyAnswer(null, expired());
        }
        return new CertifyAnswer(certifyId, null);
    }

    SandboxReply query(String appId, JsonNode biz, Instant now) {
        String certifyId = text(biz, "certify_id");
        Known k = certifyId == null ? null : known.get(certifyId);
        if (k == null || k.state == CertificationState.INIT) {
            // Not known here, or not finished as far as this instance saw: the table decides.
            Optional<SandboxCertification> found = QuarkusTransaction.requiringNew().call(() -> find(appId, biz));
            if (found.isEmpty()) {
                return unknown();
            }
            k = new Known(found.get());
            known.put(certifyId, k);
        } else if (!k.appId.equals(appId)) {
            return unknown();
        }
        // A finished verification never changes again, so what this instance knows of it is the answer.
        return answer(k, now);
    }

    private SandboxReply answer(Known c, Instant now) {
        SandboxBehaviour behaviour = c.behaviour;
        SandboxReply reply;
        if (behaviour == SandboxBehaviour.UNAVAILABLE) {
            reply = SandboxReply.error("20000", "isp.unknow-error", "系统繁忙");
        } else if (behaviour == SandboxBehaviour.EXPIRED || !now.isBefore(c.createdAt.plus(config.certifyIdTtl()))) {
            reply = expired();
        } else if (c.state == CertificationState.INIT && config.unfinishedQuery() == SandboxConfig.UnfinishedQuery.NOT_FINISH) {
            reply = SandboxReply.business("CERTIFY_NOT_FINISH", "认证未完成");
        } else {
            Map<String, Object> fields = new LinkedHashMap<>();
            boolean passed = c.state == CertificationState.PASSED;
            fields.put("passed", passed ? "T" : "F");
            if (!passed) {
                fields.put("fail_reason", c.state == CertificationState.INIT ? "认证未完成" : "人脸比对不通过");
            }
            fields.put("identity_info", IDENTITY_PLACEHOLDER);
            fields.put("material_info", MATERIAL_PLACEHOLDER);
            reply = SandboxReply.success(fields);
        }
        if (behaviour == SandboxBehaviour.BAD_SIGNATURE) {
            reply = reply.withCorruptSignature();
        }
        if (behaviour == SandboxBehaviour.SLOW_QUERY) {
            reply = reply.delayed(config.slowQueryDelay());
        }
        return reply;
    }

    /** What the face page shows: only the masked name. Empty for an unknown id. */
    Optional<FacePage> facePage(String certifyId) {
        if (certifyId == null || !CERTIFY_ID.matcher(certifyId).matches()) {
            return Optional.empty();
        }
        return knownOrRead(certifyId).map(k -> new FacePage(certifyId, k.maskedName, k.state == CertificationState.INIT));
    }

    /** Drops what this instance knows of a verification, for tests that change its row behind its back. */
    void forget(String certifyId) {
        known.remove(certifyId);
    }

    private Optional<Known> knownOrRead(String certifyId) {
        Known k = known.get(certifyId);
        if (k != null) {
            return Optional.of(k);
        }
        Optional<Known> read = QuarkusTransaction.requiringNew().call(
                () -> repository.findByIdOptional(certifyId).map(Known::new));
        read.ifPresent(r -> known.put(certifyId, r));
        return read;
    }

    /**
     * Records the capture's outcome (once; a finished or expired verification stays as it is) and
     * answers where the browser goes next: the stored {@code return_url}, unchanged.
     */
    @Transactional
    Optional<String> finish(String certifyId, boolean pass, Instant now) {
        return findById(certifyId).map(c -> {
            if (!c.isExpired(now, config.certifyIdTtl())) {
                c.finish(pass && c.behaviour() != SandboxBehaviour.ALWAYS_FAIL, now);
            }
            if (c.state() != CertificationState.INIT) {
                CertificationState state = c.state();
                afterCommit.run(() -> {
                    Known k = known.get(certifyId);
                    if (k != null) {
                        k.state = state;
                    }
                });
            }
            return c.returnUrl();
        });
    }

    private Optional<SandboxCertification> findById(String certifyId) {
        if (certifyId == null || !CERTIFY_ID.matcher(certifyId).matches()) {
            return Optional.empty();
        }
        return repository.findByIdOptional(certifyId);
    }

    private Optional<SandboxCertification> find(String appId, JsonNode biz) {
        String certifyId = text(biz, "certify_id");
        if (certifyId == null || !CERTIFY_ID.matcher(certifyId).matches()) {
            return Optional.empty();
        }
        return repository.findForApp(certifyId, appId);
    }

    private byte[] nextId() {
        byte[] id = new byte[16]; // 32 hex characters: the protocol's maximum
        random.nextBytes(id);
        return id;
    }

    private static SandboxReply unknown() {
        return SandboxReply.business("CERTIFY_ID_NOT_EXIST", "认证记录不存在");
    }

    private static SandboxReply expired() {
        return SandboxReply.business("CERTIFY_ID_EXPIRED", "认证已失效");
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = URI.create(s);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }

    /** Either the verification to start or the error to answer. */
    record CertifyAnswer(String certifyId, SandboxReply error) {
    }

    /** The face page's model: nothing but the id, the masked name and whether it can still be submitted. */
    public record FacePage(String certifyId, String maskedName, boolean open) {
    }
}
