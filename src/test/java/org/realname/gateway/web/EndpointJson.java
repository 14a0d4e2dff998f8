package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.CharConversionException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.realname.gateway.support.NoPersonalData;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a request body the way the REST layer does and answers what a client would be told about
 * a refusal, without starting Quarkus: for fuzz tests, which must run in plain JUnit.
 *
 * <p>The mapper is Quarkus's default one (modules found on the class path, unknown properties
 * refused as {@code quarkus.jackson.fail-on-unknown-properties=true} says, dates as text) with
 * {@link StrictJson} applied, as the {@code ObjectMapperCustomizer} does at start. A refusal is
 * handed to the real {@link ProblemMapper} method that the REST layer picks for the exception's
 * class (the most specific one), so the detail checked is the detail sent.
 */
public final class EndpointJson {

    /** The closed set of details {@link ProblemMapper} may send for a body it cannot read. */
    private static final String SHAPE = "The body is not valid JSON of the expected shape";
    private static final String SYNTAX = "The body is not valid JSON";
    private static final String LIMITS = "The body's JSON is nested too deeply or holds a value that is too long";

    private final ObjectMapper mapper = endpointMapper();
    private final ProblemMapper problems = new ProblemMapper(new RequestId(), new ObjectMapper(), TestWebConfig.defaults());

    public static ObjectMapper endpointMapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return StrictJson.configure(mapper);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The bound body; {@code null} for an empty body (the REST layer passes {@code null} and the
     * resource refuses it with its own detail).
     *
     * @throws JsonProcessingException the refusal the REST layer maps
     * @throws CharConversionException a body read as UTF-16 or UTF-32 (by its zero bytes) that
     *         does not decode so, also mapped
     */
    public <T> T read(byte[] body, Class<T> type) throws JsonProcessingException, CharConversionException {
        try {
            return mapper.readValue(body, type);
        } catch (MismatchedInputException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No content to map due to end-of-input")) {
                return null;
            }
            throw e;
        } catch (JsonProcessingException | CharConversionException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("reading from a byte array cannot fail with I/O", e);
        }
    }

    /**
     * The fuzz property of every JSON body: either it binds, and then writing the bound value and
     * reading it again gives the same value (nothing is lost or changed in binding), or the REST
     * layer refuses it with a {@link JsonProcessingException} whose problem detail is one of the
     * fixed sentences, naming at most one of {@code members}, and carries no personal data.
     *
     * @return the bound body, empty when refused or when the body is empty
     */
    public <T> Optional<T> bindOrRefuse(byte[] body, Class<T> type, Set<String> members) {
        T value;
        try {
            value = read(body, type);
        } catch (JsonProcessingException | CharConversionException e) {
            String detail = detail(e);
            if (!allowedDetails(members).matcher(detail).matches()) {
                fail("a refused body's problem detail is outside the fixed sentences: " + shape(detail));
            }
            NoPersonalData.assertAbsent("problem detail", detail);
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            assertEquals(value, mapper.readValue(mapper.writeValueAsBytes(value), type),
                    "a bound body reads back the same after writing");
        } catch (IOException e) {
            fail("a bound body cannot be written and read again: " + e.getClass().getSimpleName());
        }
        return Optional.of(value);
    }

    /** A detail with letters and digits replaced, to say what went wrong without printing input. */
    private static String shape(String detail) {
        return detail.replaceAll("[\\p{L}]", "a").replaceAll("[0-9]", "9");
    }

    /** The {@code detail} of the problem document the client receives for this refusal. */
    public String detail(IOException e) {
        HttpHeaders headers = proxy(HttpHeaders.class, "/api/v1/any");
        UriInfo uri = proxy(UriInfo.class, "/api/v1/any");
        Response response;
        if (e instanceof CharConversionException u) {
            response = problems.undecodableJson(u, headers, uri);
        } else if (e instanceof StreamConstraintsException c) {
            response = problems.oversizedJson(c, headers, uri);
        } else if (e instanceof JsonParseException p) {
            response = problems.unparsableJson(p, headers, uri);
        } else if (e instanceof InvalidDefinitionException d) {
            response = problems.undefinedJson(d, headers, uri);
        } else if (e instanceof MismatchedInputException m) {
            response = problems.mismatchedJson(m, headers, uri);
        } else if (e instanceof JsonProcessingException j) {
            response = problems.unreadableJson(j, headers, uri);
        } else {
            throw new AssertionError("the REST layer has no mapper for " + e.getClass().getName(), e);
        }
        try {
            return new ObjectMapper().readTree((String) response.getEntity()).path("detail").asText();
        } catch (JsonProcessingException unexpected) {
            throw new AssertionError("the problem document is not JSON", unexpected);
        }
    }

    /**
     * The details a refusal may carry: fixed sentences, naming at most one of the body's own
     * members ({@code knownMembers}), never anything else the client sent (an unknown or repeated
     * member is not named: its name is the client's text).
     */
    public static Pattern allowedDetails(Set<String> knownMembers) {
        String names = knownMembers.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile(Pattern.quote(SHAPE) + "( \\(field (" + names + ")\\)| \\(unknown member\\))?"
                + "|" + Pattern.quote(SYNTAX) + "(: a member is given twice)?"
                + "|" + Pattern.quote(LIMITS));
    }

    /** {@code getPath()} answers {@code path}; every other method answers {@code null}. */
    private static <T> T proxy(Class<T> type, String path) {
        return type.cast(Proxy.newProxyInstance(EndpointJson.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getName().equals("getPath") ? path : null));
    }
}
