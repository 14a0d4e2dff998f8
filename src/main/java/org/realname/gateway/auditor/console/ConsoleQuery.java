package org.realname.gateway.auditor.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The console's query parameters as typed, for the form and the links (validated by the API's Filters). */
public record ConsoleQuery(String from, String to, String account, String outcome, String purpose, String provider,
        String eventType, String status, String limit) {

    private Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("account", account);
        m.put("outcome", outcome);
        m.put("purpose", purpose);
        m.put("provider", provider);
        m.put("event_type", eventType);
        m.put("status", status);
        m.put("limit", limit);
        return m;
    }

    /** The query string of these filters plus {@code extra} (name, value, ...), empty values left out. */
    String queryString(String... extra) {
        StringJoiner q = new StringJoiner("&");
        Map<String, String> all = params();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            all.put(extra[i], extra[i + 1]);
        }
        all.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    /** For the template: null shown as empty. */
    public String v(String s) {
        return s == null ? "" : s;
    }
}
