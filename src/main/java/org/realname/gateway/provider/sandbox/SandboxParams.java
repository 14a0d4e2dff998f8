package org.realname.gateway.provider.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges the URL query and the form body into one parameter map, as the protocol requires before
 * verifying (the SDK splits them). Decoding is done here, from the raw texts, so the values are
 * exactly what the client signed. On a repeated key the first occurrence (query first) wins.
 */
final class SandboxParams {

    private SandboxParams() {
    }

    static Map<String, String> merge(String rawQuery, String formBody) {
        Map<String, String> params = new LinkedHashMap<>();
        addAll(params, rawQuery);
        addAll(params, formBody);
        return params;
    }

    private static void addAll(Map<String, String> params, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(key, value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: keep the raw text; the signature check will refuse it
        }
    }
}
