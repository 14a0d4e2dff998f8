package org.realname.gateway.error;

/**
 * Every error the gateway can answer, with a stable slug (the last part of the problem
 * {@code type} URI), an HTTP status and a short human title. Slugs are part of the public API:
 * platforms switch on them, so they never change once released.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid-request", 400, "The request is invalid", "请求无效"),
    MALFORMED_BODY("malformed-body", 400, "The request body could not be read", "请求内容无法读取"),
    INVALID_ID_NUMBER("invalid-id-number", 400, "The resident ID number is invalid", "身份证号码无效"),
    INVALID_NAME("invalid-name", 400, "The name is invalid", "姓名无效"),
    RETURN_URL_NOT_ALLOWED("return-url-not-allowed", 400, "The return URL is not allowed", "返回地址不被允许"),
    INVALID_FILTER("invalid-filter", 400, "A filter, cursor or limit is invalid", "查询条件无效"),
    REASON_REQUIRED("reason-required", 400, "A reason code and a case reference are required", "需要说明理由和案件编号"),
    CONSENT_REQUIRED("consent-required", 400, "Consent is required", "需要您的同意"),
    GUARDIAN_CONSENT_REQUIRED("guardian-consent-required", 400, "A guardian's consent is required", "需要监护人同意"),
    INVALID_GUARDIAN("invalid-guardian", 400, "The guardian's details are invalid", "监护人信息无效"),
    MINOR_NOT_ALLOWED("minor-not-allowed", 403, "Minors under the guardian age cannot be verified here", "未达年龄的未成年人无法在此认证"),
    RULES_CHANGED("rules-changed", 409, "The rules changed; consent to the rules in force", "规则已更新，请重新阅读并同意"),
    WEBHOOK_URL_INVALID("webhook-url-invalid", 400, "The webhook URL is invalid", "回调地址无效"),
    WEBHOOK_URL_INSECURE("webhook-url-insecure", 400, "The webhook URL must use HTTPS", "回调地址必须使用 HTTPS"),
    WEBHOOK_URL_PRIVATE_ADDRESS("webhook-url-private-address", 400, "The webhook URL points to a non-public address", "回调地址指向非公网地址"),
    INVALID_EVENT_TYPE("invalid-event-type", 400, "An event type is unknown", "事件类型无效"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication is required", "需要身份认证"),
    FORBIDDEN("forbidden", 403, "Not allowed", "无权访问"),
    CROSS_SITE_REQUEST("cross-site-request", 403, "This form was sent from another site", "此表单来自其他网站"),
    TENANT_INVALID("tenant-invalid", 403, "The token's tenant is invalid", "令牌中的租户无效"),
    FOREIGN_LINK("foreign-link", 403, "This link belongs to another browser or session", "此链接属于其他浏览器或会话"),
    NOT_FOUND("not-found", 404, "Not found", "未找到"),
    RESULT_NOT_FOUND("result-not-found", 404, "Result not found", "未找到该认证结果"),
    VERIFICATION_NOT_FOUND("verification-not-found", 404, "Verification not found", "未找到该认证"),
    COMPLAINT_NOT_FOUND("complaint-not-found", 404, "Complaint not found", "未找到该投诉或申请"),
    ACCOUNT_NOT_FOUND("account-not-found", 404, "Nothing is held about this account", "未保存该账号的任何信息"),
    LINK_INVALID("link-invalid", 404, "The link is invalid", "链接无效"),
    WEBHOOK_NOT_FOUND("webhook-not-found", 404, "Webhook subscription not found", "未找到该回调订阅"),
    WEBHOOK_LIMIT("webhook-limit", 409, "Too many webhook subscriptions", "回调订阅数量已达上限"),
    WEBHOOK_DELIVERY_NOT_FOUND("webhook-delivery-not-found", 404, "Webhook delivery not found", "未找到该回调投递"),
    WEBHOOK_DELIVERY_STATE("webhook-delivery-state", 409, "Only a dead-lettered delivery can be replayed", "只有进入死信状态的投递可以重放"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", "不支持该方法"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", "无法提供该格式"),
    IDEMPOTENCY_CONFLICT("idempotency-conflict", 409, "Idempotency key reused with a different request", "幂等键已用于不同的请求"),
    SESSION_FINAL("session-final", 409, "The verification is already finished", "认证已结束"),
    SESSION_STATE("session-state", 409, "The verification is not in a state that allows this", "认证当前状态不允许此操作"),
    ACCOUNT_NOT_VERIFIED("account-not-verified", 409, "The account has no verified identity", "该账号尚未实名认证"),
    ACCOUNT_ALREADY_VERIFIED("account-already-verified", 409, "The account already has a verified identity", "该账号已完成实名认证"),
    ACCOUNT_ERASED("account-erased", 410, "The account's personal data has been erased", "该账号的个人信息已被删除"),
    LINK_USED("link-used", 410, "The link has already been used", "链接已被使用"),
    SESSION_EXPIRED("session-expired", 410, "The verification has expired", "认证已过期"),
    TOO_MANY_ATTEMPTS("too-many-attempts", 429, "Too many verification attempts", "认证尝试次数过多"),
    BODY_TOO_LARGE("body-too-large", 413, "The request body is too large", "请求内容过大"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported content type", "不支持的内容类型"),
    PROVIDER_ERROR("provider-error", 502, "The verification provider answered with an error", "认证服务返回错误"),
    PROVIDER_UNAVAILABLE("provider-unavailable", 503, "The verification provider is unavailable", "认证服务暂时不可用"),
    DATABASE_UNAVAILABLE("database-unavailable", 503, "The gateway's database is unavailable", "服务暂时不可用，请稍后重试"),
    DEV_ISSUER_DISABLED("dev-issuer-disabled", 404, "The development token issuer is not enabled", "开发令牌签发未启用"),
    DATA_INTEGRITY("data-integrity", 500, "Stored data failed its integrity check", "存储数据完整性校验失败"),
    KEY_UNAVAILABLE("key-unavailable", 500, "A key needed for this data is unavailable", "所需密钥不可用"),
    INTERNAL("internal", 500, "Internal error", "内部错误");

    /** Base of every problem {@code type} URI. */
    public static final String TYPE_BASE = "https://realname-gateway.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;
    private final String titleZh;

    ErrorCode(String slug, int status, String title, String titleZh) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.titleZh = titleZh;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The title in Chinese, for the browser pages. */
    public String titleZh() {
        return titleZh;
    }

    public String type() {
        return TYPE_BASE + slug;
    }
}
