package org.realname.gateway.identity;

import java.text.Normalizer;
import java.util.Objects;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * A person's legal name as written on the identity document: either Chinese characters with the
 * middle dot {@code ·} used in transliterated names (阿依古丽·买买提), or a Latin-script name for
 * foreign nationals. {@link #toString()} masks.
 */
public final class PersonName {

    static final int MIN_LENGTH = 2;
    static final int MAX_CJK_LENGTH = 30;
    static final int MAX_LATIN_LENGTH = 64;

    private final String value;

    private PersonName(String value) {
        this.value = value;
    }

    /**
     * Parses and validates after NFC normalisation and trimming. Full-width and bullet variants of
     * the middle dot are normalised to U+00B7.
     *
     * @throws GatewayException with {@link ErrorCode#INVALID_NAME}; the detail never echoes the input
     */
    public static PersonName parse(String raw) {
        if (raw == null) {
            throw invalid("is missing");
        }
        String s = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC)
                .replace('\u30FB', '\u00B7').replace('\u2022', '\u00B7').replace('\uFF0E', '\u00B7');
        int length = s.codePointCount(0, s.length());
        if (length < MIN_LENGTH) {
            throw invalid("is too short");
        }
        if (isCjkName(s)) {
            if (length > MAX_CJK_LENGTH) {
                throw invalid("is too long");
            }
        } else if (isLatinName(s)) {
            if (length > MAX_LATIN_LENGTH) {
                throw invalid("is too long");
            }
        } else {
            throw invalid("must be written in Chinese characters (with ·) or in Latin letters");
        }
        return new PersonName(s);
    }

    private static boolean isCjkName(String s) {
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (cp == '\u00B7') {
                if (i == 0 || i == cps.length - 1 || cps[i - 1] == '\u00B7') {
                    return false;
                }
            } else if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatinName(String s) {
        if (!Character.isLetter(s.codePointAt(0))) {
            return false;
        }
        int prev = 0;
        for (int cp : s.codePoints().toArray()) {
            boolean letter = Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
            boolean separator = cp == ' ' || cp == '-' || cp == '\'' || cp == '.';
            if (!letter && !separator) {
                return false;
            }
            if (separator && prev == ' ' && cp == ' ') {
                return false;
            }
            prev = cp;
        }
        return true;
    }

    private static GatewayException invalid(String why) {
        return new GatewayException(ErrorCode.INVALID_NAME, "name " + why);
    }

    /** The plain value: only for encryption and the provider request. */
    public String reveal() {
        return value;
    }

    public String masked() {
        return Masking.name(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonName other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
