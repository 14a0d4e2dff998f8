package org.realname.gateway.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.realname.gateway.retention.SecurityLog;

import io.vertx.core.http.HttpServerRequest;

/**
 * Writes the security log for the browser-facing session pages, from outside the pages
 * themselves: link opened, consent page, consent submitted, hand-off, return from the provider,
 * and every refusal of them (any answer of 400 or more). The one-time link token is never
 * logged: an opened link's session is read from the redirect it answered.
 */
public class SecurityLogFilter {

    private static final Pattern LINK = Pattern.compile("/v/[^/]+");
    private static final Pattern PAGE = Pattern.compile("/verify/([^/]+)(/consent|/handoff|/return)?");
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern LOCATION_SESSION = Pattern.compile("/verify/([0-9a-f]{32})$");

    private final SecurityLog log;

    public SecurityLogFilter(SecurityLog log) {
        this.log = log;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        SecurityLog.Event event = eventOf(request.getMethod(), request.getUriInfo().getPath(), response.getStatus(),
                response.getHeaderString(HttpHeaders.LOCATION), http == null || http.remoteAddress() == null ? null
                        : http.remoteAddress().hostAddress(), request.getHeaderString(HttpHeaders.USER_AGENT));
        if (event == null) {
            return;
        }
        // Only queued here (SecurityLog writes in batches), so fine on the event loop too.
        log.write(event);
    }

    /** The row for this request, or null when it is not a session page. */
    static SecurityLog.Event eventOf(String method, String path, int status, String location, String ip, String userAgent) {
        if (path == null) {
            return null;
        }
        if ("GET".equals(method) && LINK.matcher(path).matches()) {
            String session = null;
            if (location != null) {
                Matcher m = LOCATION_SESSION.matcher(location);
                session = m.find() ? m.group(1) : null;
            }
            return new SecurityLog.Event(session, "LINK_OPENED", status, ip, userAgent);
        }
        Matcher m = PAGE.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String kind = switch (m.group(2) == null ? "" : m.group(2)) {
            case "" -> "GET".equals(method) ? "CONSENT_PAGE" : null;
            case "/consent" -> "POST".equals(method) ? "CONSENT_SUBMITTED" : null;
            case "/handoff" -> "GET".equals(method) ? "HANDOFF" : null;
            case "/return" -> "GET".equals(method) ? "PROVIDER_RETURN" : null;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        String session = SESSION_ID.matcher(m.group(1)).matches() ? m.group(1) : null;
        return new SecurityLog.Event(session, kind, status, ip, userAgent);
    }
}
