package org.realname.gateway.provider.alipay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verified answer: the {@code *_response} (or {@code error_response}) object's fields. The
 * identity and material fields a {@code query} returns are never kept (see
 * {@link ResponseVerifier}); {@link #toString()} names only the codes.
 *
 * @param code the protocol code ({@code 10000} success, {@code 40004} business failure …)
 * @param subCode the protocol sub-code, present on every error and absent on success
 * @param fields the other fields of the response object
 */
public record AlipayResponse(String code, String subCode, Map<String, JsonNode> fields) {

    public static final String SUCCESS = "10000";

    public AlipayResponse {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Success as the SDK defines it: no {@code sub_code}; and, stricter, code {@code 10000}. */
    public boolean isSuccess() {
        return SUCCESS.equals(code) && (subCode == null || subCode.isEmpty());
    }

    /** {@code code/sub_code}, or just {@code code}: safe to log, store and show. */
    public String providerCode() {
        return subCode == null || subCode.isEmpty() ? String.valueOf(code) : code + "/" + subCode;
    }

    /** A text field, if present and not empty. */
    public Optional<String> text(String field) {
        JsonNode node = fields.get(field);
        return node == null || !node.isValueNode() || node.asText().isEmpty() ? Optional.empty() : Optional.of(node.asText());
    }

    public Optional<JsonNode> field(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    @Override
    public String toString() {
        return "AlipayResponse[" + providerCode() + "]";
    }
}
