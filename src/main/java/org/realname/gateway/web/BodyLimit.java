package org.realname.gateway.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.realname.gateway.error.ErrorCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body announced larger than {@code gateway.web.max-body-bytes} with a problem
 * document, before a byte of it is read. It runs ahead of Quarkus' own check of
 * {@code quarkus.http.limits.max-body-size}, which would answer a bare 413 without a body; that
 * socket cap still stops chunked bodies that announce no length.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBodyBytes;
    private final String detail;
    private final String problem;

    public BodyLimit(WebConfig config, ObjectMapper json) throws JsonProcessingException {
        this.maxBodyBytes = config.maxBodyBytes();
        ErrorCode code = ErrorCode.BODY_TOO_LARGE;
        // The instance is added per request; the rest never changes.
        this.detail = "The body may have at most " + maxBodyBytes + " bytes";
        this.problem = json.writeValueAsString(new Problem(code.type(), code.title(), code.status(), detail,
                "urn:request:%s"));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !exceeds(length.trim())) {
            // A malformed length is left to the request filter, which answers 400.
            rc.next();
            return;
        }
        String id = new RequestId().value();
        ErrorCode code = ErrorCode.BODY_TOO_LARGE;
        boolean html = ProblemMapper.wantsHtml(rc.normalizedPath(), rc.request().getHeader(HttpHeaders.ACCEPT));
        String body = html ? Pages.error(code, detail, id).render() : problem.replace("%s", id);
        // The unread body would otherwise be parsed as the next request on this connection.
        rc.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, html ? "text/html;charset=UTF-8" : Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Request-Id", id)
                .putHeader("Referrer-Policy", "no-referrer")
                .end(body);
    }

    private boolean exceeds(String length) {
        if (length.isEmpty() || length.length() > 19 || !length.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Long.parseLong(length) > maxBodyBytes;
    }
}
