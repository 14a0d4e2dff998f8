package org.realname.gateway.complaint;

import java.util.Locale;
import java.util.Optional;

/**
 * What the person asks for. A fixed list rather than free text so an operator can route a
 * complaint without opening the person's sealed words, and counts by kind carry nothing personal.
 * The requests follow the person's rights in the Personal Information Protection Law.
 */
public enum ComplaintKind {
    /** A complaint about how the data was handled (art. 50: a way to receive and handle them). */
    COMPLAINT,
    /** A copy of, or information about, the data held (art. 45), beyond the self-service export. */
    ACCESS,
    /** Correct or complete the data (art. 46). */
    CORRECTION,
    /** Delete the data (art. 47), where self-service erasure does not cover it. */
    DELETION,
    /** Explain the rules of the processing (art. 48). */
    EXPLANATION,
    /** Anything else about the person's data. */
    OTHER;

    public static Optional<ComplaintKind> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(raw.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
