package org.realname.gateway.provider.alipay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed protocol request, split the way the official SDK sends it: system parameters and
 * {@code sign} in the URL query, {@code biz_content} in the form body. Carries personal data in
 * {@code biz_content}: never log it ({@link #toString()} names only the method).
 *
 * @param query the system parameters in key order, then {@code sign}
 * @param body the business parameters ({@code biz_content})
 */
public record SignedRequest(Map<String, String> query, Map<String, String> body) {

    public SignedRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** The URL query, every value URL-encoded as UTF-8. */
    public String queryString() {
        return encode(query);
    }

    /** The {@code application/x-www-form-urlencoded} body. */
    public String formBody() {
        return encode(body);
    }

    /**
     * Every parameter in one query ({@code sign} last): the signed URL of a page API such as
     * {@code certify}, where the browser carries the whole request.
     */
    public String pageQueryString() {
        Map<String, String> all = new java.util.TreeMap<>(query);
        all.putAll(body);
        String sign = all.remove(AlipaySignatures.SIGN);
        Map<String, String> ordered = new LinkedHashMap<>(all);
        ordered.put(AlipaySignatures.SIGN, sign);
        return encode(ordered);
    }

    private static String encode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(urlEncode(e.getKey())).append('=').append(urlEncode(e.getValue()));
        }
        return out.toString();
    }

    /** Form encoding, with spaces as {@code %20} so that strict query decoders read them back too. */
    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "SignedRequest[method=" + query.get("method") + "]";
    }
}
