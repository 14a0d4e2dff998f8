package org.realname.gateway.web;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.realname.gateway.error.DatabaseUnavailable;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.provider.ProviderException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place errors become responses: {@code application/problem+json} for API clients and
 * an HTML page for browsers. Details come only from {@link GatewayException}, whose messages are
 * written to be safe; anything unexpected becomes a generic 500 and is logged without its
 * message, because messages of foreign exceptions may quote personal data. A failure caused by
 * the database being out of reach is not a fault of the request: it becomes
 * {@code 503 database-unavailable} with {@code Retry-After}, whichever exception carried it here.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final RequestId requestId;
    private final ObjectMapper json;
    private final Duration databaseRetryAfter;

    public ProblemMapper(RequestId requestId, ObjectMapper json, WebConfig config) {
        this.requestId = requestId;
        this.json = json;
        this.databaseRetryAfter = config.databaseRetryAfter();
    }

    @ServerExceptionMapper
    public Response gateway(GatewayException e, HttpHeaders headers, UriInfo uri) {
        if (e.code().status() == 500 && DatabaseUnavailable.isCause(e)) {
            // Stores that wrap their SQLException as "could not be written/read" mean the same outage.
            return databaseUnavailable(e, headers, uri);
        }
        if (e instanceof ProviderException pe) {
            LOG.warnf("Provider failure %s (request %s)", pe.providerCode(), requestId.value());
        }
        Response r = respond(e.code(), e.detail(), headers, uri);
        return e.retryAfter().map(d -> retryAfter(r, d)).orElse(r);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticated(headers, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticated(headers, uri);
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticated(headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return respond(ErrorCode.FORBIDDEN, "This token's roles do not allow this operation", headers, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        return respond(ErrorCode.MALFORMED_BODY, "The body is not valid JSON of the expected shape"
                + fieldHint(e), headers, uri);
    }

    /**
     * Syntax errors, members given twice ({@link StrictJson}), nesting or sizes over the read
     * limits: named here because a more specific mapper of quarkus-rest-jackson would otherwise
     * answer without a problem body.
     */
    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, HttpHeaders headers, UriInfo uri) {
        return respond(ErrorCode.MALFORMED_BODY, "The body is not valid JSON" + duplicateHint(e), headers, uri);
    }

    /**
     * A body whose first bytes made Jackson read it as UTF-16 or UTF-32 and that does not decode
     * so: an I/O error to Jackson, the client's malformed body to us.
     */
    @ServerExceptionMapper
    public Response undecodableJson(java.io.CharConversionException e, HttpHeaders headers, UriInfo uri) {
        return respond(ErrorCode.MALFORMED_BODY, "The body is not valid JSON", headers, uri);
    }

    @ServerExceptionMapper
    public Response oversizedJson(com.fasterxml.jackson.core.exc.StreamConstraintsException e, HttpHeaders headers,
            UriInfo uri) {
        return respond(ErrorCode.MALFORMED_BODY, "The body's JSON is nested too deeply or holds a value that is too long",
                headers, uri);
    }

    /**
     * Reading a body into a type can fail with a "definition" error for input the type cannot
     * take (two values for one constructor parameter, for one): that is the client's body. The
     * same exception while writing is the gateway's own fault.
     */
    @ServerExceptionMapper
    public Response undefinedJson(com.fasterxml.jackson.databind.exc.InvalidDefinitionException e, HttpHeaders headers,
            UriInfo uri) {
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonGenerator) {
            return unexpected(e, headers, uri);
        }
        return unreadableJson(e, headers, uri);
    }

    /** Overrides quarkus-rest-jackson's own mapper for this type, which would answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, HttpHeaders headers,
            UriInfo uri) {
        return unreadableJson(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return respond(ErrorCode.INVALID_REQUEST, detail, headers, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof java.io.CharConversionException undecodable) {
            return undecodableJson(undecodable, headers, uri);
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // quarkus-rest wraps what the body reader threw; answer as if it had reached us itself.
            if (json instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException c) {
                return oversizedJson(c, headers, uri);
            }
            if (json instanceof com.fasterxml.jackson.core.JsonParseException p) {
                return unparsableJson(p, headers, uri);
            }
            return unreadableJson(json, headers, uri);
        }
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.MALFORMED_BODY;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
        };
        if (code == ErrorCode.INTERNAL) {
            logUnexpected(e);
        }
        if (code == ErrorCode.UNAUTHENTICATED) {
            return unauthenticated(headers, uri);
        }
        return respond(code, code.title(), headers, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable t, HttpHeaders headers, UriInfo uri) {
        if (DatabaseUnavailable.isCause(t)) {
            return databaseUnavailable(t, headers, uri);
        }
        logUnexpected(t);
        return respond(ErrorCode.INTERNAL, "An unexpected error occurred; quote the request id when reporting it", headers, uri);
    }

    /**
     * One line per refused request, naming only the evidence's class and SQL state: driver
     * messages of a failed statement can quote the statement, and a stack trace per request
     * during an outage would bury everything else in the log.
     */
    private Response databaseUnavailable(Throwable t, HttpHeaders headers, UriInfo uri) {
        LOG.warnf("Database unavailable (request %s): %s", requestId.value(),
                DatabaseUnavailable.evidence(t).orElse(t.getClass().getSimpleName()));
        Response r = respond(ErrorCode.DATABASE_UNAVAILABLE,
                "The gateway cannot reach its database at the moment; try again shortly", headers, uri);
        return retryAfter(r, databaseRetryAfter);
    }

    private static Response retryAfter(Response r, Duration after) {
        return Response.fromResponse(r).header("Retry-After", Math.max(1, after.toSeconds())).build();
    }

    private Response unauthenticated(HttpHeaders headers, UriInfo uri) {
        Response r = respond(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required", headers, uri);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private void logUnexpected(Throwable t) {
        StringBuilder chain = new StringBuilder();
        for (Throwable c = t; c != null && chain.length() < 2000; c = c.getCause()) {
            StackTraceElement top = c.getStackTrace().length > 0 ? c.getStackTrace()[0] : null;
            chain.append(c.getClass().getName()).append(" at ").append(top).append(" <- ");
        }
        LOG.errorf("Unexpected failure (request %s): %s", requestId.value(), chain);
    }

    private Response respond(ErrorCode code, String detail, HttpHeaders headers, UriInfo uri) {
        String instance = "urn:request:" + requestId.value();
        Response.ResponseBuilder builder = Response.status(code.status()).header("X-Request-Id", requestId.value());
        if (wantsHtml(headers, uri)) {
            String page = Pages.error(code, detail, requestId.value()).render();
            return builder.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
        }
        Problem problem = new Problem(code.type(), code.title(), code.status(), detail, instance);
        try {
            return builder.type(Problem.MEDIA_TYPE).entity(json.writeValueAsString(problem)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a problem document", e);
        }
    }

    /** Pages get HTML errors; the API, the token endpoint and the provider protocol always get JSON. */
    static boolean wantsHtml(HttpHeaders headers, UriInfo uri) {
        return wantsHtml(uri.getPath(), headers.getHeaderString(HttpHeaders.ACCEPT));
    }

    static boolean wantsHtml(String path, String accept) {
        if (path.startsWith("/api/") || path.startsWith("/dev/") || path.startsWith("/q/")
                || path.equals("/sandbox/gateway.do")) {
            return false;
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static String fieldHint(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.PropertyBindingException) {
            // An unknown member's name is the client's text, not the API's: it may be an ID number.
            return " (unknown member)";
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (field != null && field.matches("[A-Za-z0-9_]{1,40}")) {
                return " (field " + field + ")";
            }
        }
        return "";
    }

    /**
     * Says that a member was given twice without naming it: the name comes from the client and
     * may be anything, an ID number included.
     */
    private static String duplicateHint(com.fasterxml.jackson.core.JsonParseException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate field '") ? ": a member is given twice" : "";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
