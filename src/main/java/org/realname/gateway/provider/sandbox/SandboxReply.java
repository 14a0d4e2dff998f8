package org.realname.gateway.provider.sandbox;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the sandbox's {@code gateway.do}, before it is written and signed.
 *
 * @param fields the response object's fields in order ({@code code}, {@code msg}, then the rest)
 * @param delay how long to stall before answering (test behaviour)
 * @param corruptSignature whether to send a signature that does not verify (test behaviour)
 */
record SandboxReply(Map<String, Object> fields, Duration delay, boolean corruptSignature) {

    static final String SUCCESS = "10000";

    SandboxReply {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** {@code 10000 Success} with the given business fields. */
    static SandboxReply success(Map<String, Object> business) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", SUCCESS);
        f.put("msg", "Success");
        f.putAll(business);
        return new SandboxReply(f, Duration.ZERO, false);
    }

    /** An error; always with {@code sub_code}, since the SDK reads an error without one as success. */
    static SandboxReply error(String code, String subCode, String subMsg) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", code);
        f.put("msg", message(code));
        f.put("sub_code", subCode);
        f.put("sub_msg", subMsg);
        return new SandboxReply(f, Duration.ZERO, false);
    }

    static SandboxReply missing(String subCode, String subMsg) {
        return error("40001", subCode, subMsg);
    }

    static SandboxReply invalid(String subCode, String subMsg) {
        return error("40002", subCode, subMsg);
    }

    static SandboxReply business(String subCode, String subMsg) {
        return error("40004", subCode, subMsg);
    }

    SandboxReply delayed(Duration by) {
        return new SandboxReply(fields, by, corruptSignature);
    }

    SandboxReply withCorruptSignature() {
        return new SandboxReply(fields, delay, true);
    }

    String code() {
        return (String) fields.get("code");
    }

    String subCode() {
        return (String) fields.get("sub_code");
    }

    private static String message(String code) {
        return switch (code) {
            case "20000" -> "Service Currently Unavailable";
            case "20001" -> "Insufficient Token Permissions";
            case "40001" -> "Missing Required Arguments";
            case "40002" -> "Invalid Arguments";
            case "40004" -> "Business Failed";
            case "40006" -> "Insufficient Permissions";
            default -> "Unknown Error";
        };
    }

    @Override
    public String toString() {
        return "SandboxReply[" + code() + (subCode() == null ? "" : "/" + subCode()) + "]";
    }
}
