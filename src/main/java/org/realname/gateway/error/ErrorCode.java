package org.realname.gateway.error;

/**
 * Every error the gateway can answer, with a stable slug (the last part of the problem
 * {@code type} URI), an HTTP status and a short human title. Slugs are part of the public API:
 * platforms switch on them, so they never change once released.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid-request", 400, "The request is invalid"),
    MALFORMED_BODY("malformed-body", 400, "The request body could not be read"),
    INVALID_ID_NUMBER("invalid-id-number", 400, "The resident ID number is invalid"),
    INVALID_NAME("invalid-name", 400, "The name is invalid"),
    RETURN_URL_NOT_ALLOWED("return-url-not-allowed", 400, "The return URL is not allowed"),
    CONSENT_REQUIRED("consent-required", 400, "Consent is required"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    FOREIGN_LINK("foreign-link", 403, "This link belongs to another browser or session"),
    NOT_FOUND("not-found", 404, "Not found"),
    VERIFICATION_NOT_FOUND("verification-not-found", 404, "Verification not found"),
    LINK_INVALID("link-invalid", 404, "The link is invalid"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    IDEMPOTENCY_CONFLICT("idempotency-conflict", 409, "Idempotency key reused with a different request"),
    SESSION_FINAL("session-final", 409, "The verification is already finished"),
    SESSION_STATE("session-state", 409, "The verification is not in a state that allows this"),
    ACCOUNT_NOT_VERIFIED("account-not-verified", 409, "The account has no verified identity"),
    ACCOUNT_ALREADY_VERIFIED("account-already-verified", 409, "The account already has a verified identity"),
    LINK_USED("link-used", 410, "The link has already been used"),
    SESSION_EXPIRED("session-expired", 410, "The verification has expired"),
    BODY_TOO_LARGE("body-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported content type"),
    PROVIDER_ERROR("provider-error", 502, "The verification provider answered with an error"),
    PROVIDER_UNAVAILABLE("provider-unavailable", 503, "The verification provider is unavailable"),
    DEV_ISSUER_DISABLED("dev-issuer-disabled", 404, "The development token issuer is not enabled"),
    INTERNAL("internal", 500, "Internal error");

    /** Base of every problem {@code type} URI. */
    public static final String TYPE_BASE = "https://realname-gateway.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ErrorCode(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
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

    public String type() {
        return TYPE_BASE + slug;
    }
}
