package org.realname.gateway.complaint;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/** The checks on the person's own words. Details never quote them. */
final class ComplaintText {

    /** Characters (code points): enough to say what is wrong, too little to upload documents. */
    static final int MAX_LENGTH = 1000;

    private ComplaintText() {
    }

    /**
     * The text to store, stripped; null for none.
     *
     * @throws GatewayException {@link ErrorCode#INVALID_REQUEST} when too long or with control characters
     */
    static String check(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "text must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t'
                    || Character.isSurrogate(ch) && !validPair(text, i)) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST,
                        "text may hold no control characters (line breaks and tabs excepted) and no broken characters");
            }
            if (Character.isHighSurrogate(ch)) {
                i++;
            }
        }
        return text;
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
