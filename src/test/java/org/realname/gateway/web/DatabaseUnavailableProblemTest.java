package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransactionException;

/**
 * What an API client is told when the database is out of reach, through the real mapper methods
 * the REST layer calls: 503 {@code database-unavailable} with {@code Retry-After}, and nothing of
 * the exception (SQL, values, host names) in the body. Every other failure keeps its answer.
 */
class DatabaseUnavailableProblemTest {

    /** A message the driver could produce for a failed statement, quoting SQL and a value. */
    private static final String LEAKY = "insert into verification_session (account_id) values ('acct-secret') at db.internal:5432";

    private final ProblemMapper mapper = new ProblemMapper(new RequestId(), new ObjectMapper(), TestWebConfig.defaults());
    private final HttpHeaders headers = proxy(HttpHeaders.class, "/api/v1/verifications");
    private final UriInfo uri = proxy(UriInfo.class, "/api/v1/verifications");

    @Test
    void lostConnection_isAnswered503WithRetryAfter() throws Exception {
        PSQLException lost = new PSQLException(LEAKY, PSQLState.CONNECTION_FAILURE);
        Response r = mapper.unexpected(new QuarkusTransactionException(new JDBCConnectionException(LEAKY, lost, LEAKY)), headers, uri);

        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        JsonNode body = new ObjectMapper().readTree((String) r.getEntity());
        assertEquals(ErrorCode.TYPE_BASE + "database-unavailable", body.path("type").asText());
        assertEquals(503, body.path("status").asInt());
        assertNoLeak((String) r.getEntity());
    }

    @Test
    void storeFailureWrappedAsInternal_isAnswered503() throws Exception {
        // AuditTrail and the auditor reads wrap their SQLException in GatewayException(INTERNAL, ...).
        GatewayException e = new GatewayException(ErrorCode.INTERNAL, "The audit entry could not be written",
                new IllegalStateException(LEAKY, new SQLException(LEAKY, "57P01")));
        Response r = mapper.gateway(e, headers, uri);

        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        assertEquals("database-unavailable", type(r));
        assertNoLeak((String) r.getEntity());
    }

    @Test
    void poolTimeout_isAnswered503() throws Exception {
        Response r = mapper.unexpected(new IllegalStateException(new SQLException("Sorry, acquisition timeout!")), headers, uri);
        assertEquals(503, r.getStatus());
        assertEquals("database-unavailable", type(r));
    }

    @Test
    void retryAfter_followsTheConfiguration_inWholeSecondsAtLeastOne() {
        PSQLException refused = new PSQLException(LEAKY, PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertEquals("12", retryAfter(Duration.ofSeconds(12), refused));
        assertEquals("1", retryAfter(Duration.ofMillis(300), refused));
    }

    @Test
    void otherDatabaseFailures_stay500Internal() throws Exception {
        SQLException duplicate = new PSQLException(LEAKY, PSQLState.UNIQUE_VIOLATION);
        Response r = mapper.unexpected(new ConstraintViolationException(LEAKY, duplicate, LEAKY, "uq"), headers, uri);
        assertEquals(500, r.getStatus());
        assertEquals("internal", type(r));
        assertNull(r.getHeaderString("Retry-After"));
        assertNoLeak((String) r.getEntity());
    }

    @Test
    void unrelatedFailure_stays500Internal() throws Exception {
        Response r = mapper.unexpected(new IllegalStateException(LEAKY), headers, uri);
        assertEquals(500, r.getStatus());
        assertEquals("internal", type(r));
    }

    @Test
    void clientErrorWithDatabaseCause_keepsItsOwnCode() throws Exception {
        // Only server faults are re-read as an outage; a refusal of the request stays what it is.
        GatewayException e = new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "No verification with this id",
                new PSQLException(LEAKY, PSQLState.CONNECTION_FAILURE));
        Response r = mapper.gateway(e, headers, uri);
        assertEquals(404, r.getStatus());
        assertEquals("verification-not-found", type(r));
    }

    @Test
    void providerUnavailable_keepsItsOwnRetryAfter() throws Exception {
        GatewayException e = new GatewayException(ErrorCode.PROVIDER_UNAVAILABLE, "The provider is unavailable", null,
                Duration.ofSeconds(30));
        Response r = mapper.gateway(e, headers, uri);
        assertEquals(503, r.getStatus());
        assertEquals("provider-unavailable", type(r));
        assertEquals("30", r.getHeaderString("Retry-After"));
    }

    private String retryAfter(Duration configured, Throwable t) {
        ProblemMapper m = new ProblemMapper(new RequestId(), new ObjectMapper(), TestWebConfig.withDatabaseRetryAfter(configured));
        return m.unexpected(t, headers, uri).getHeaderString("Retry-After");
    }

    private static String type(Response r) throws Exception {
        String type = new ObjectMapper().readTree((String) r.getEntity()).path("type").asText();
        return type.substring(ErrorCode.TYPE_BASE.length());
    }

    private static void assertNoLeak(String body) {
        for (String part : new String[] {"insert", "verification_session", "acct-secret", "db.internal", "Exception"}) {
            assertFalse(body.contains(part), "the problem document quotes the failure: " + part);
        }
    }

    /** {@code getPath()} answers {@code path}; every other method (the Accept header among them) {@code null}. */
    private static <T> T proxy(Class<T> type, String path) {
        return type.cast(Proxy.newProxyInstance(DatabaseUnavailableProblemTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getName().equals("getPath") ? path : null));
    }
}
