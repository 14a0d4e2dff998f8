package org.realname.gateway.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How strictly the gateway reads JSON, everywhere (API bodies, provider answers, configuration
 * files): one reading per document. A member given twice ({@code "purpose"} twice) is refused,
 * not resolved to the first or the last, because two readers of the same bytes (a proxy that
 * checks, the gateway that acts) must never see two different requests; unknown members,
 * trailing content and absurd nesting or sizes are refused too. Every refusal is a
 * {@code JsonProcessingException}, which {@link ProblemMapper} answers as a 400 problem.
 *
 * <p>{@link #configure} is public so that tests and fuzzers read JSON exactly as the endpoints do.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Deeper than any body the gateway accepts (its deepest is 3) with room to spare. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Longer than any value a body may hold (bodies are at most 16 KiB). */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    /** Longer than any number the gateway reads (epoch milliseconds, amounts). */
    public static final int MAX_NUMBER_LENGTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }
}
