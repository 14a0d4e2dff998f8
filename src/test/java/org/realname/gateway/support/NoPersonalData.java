package org.realname.gateway.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.regex.Pattern;

/**
 * The privacy property of fuzz tests: a text the gateway sends or logs about a refusal carries no
 * personal data. Checked by shape (no Chinese characters, no run of digits long enough to be part
 * of an ID number) and, for Latin-script names, by value: the shape alone cannot tell a name from
 * an English word. Failure messages never quote the text or the value, so a failing run does not
 * print what it protects.
 */
public final class NoPersonalData {

    /** Longer than any number a refusal names (a length limit, a count), shorter than an ID number's parts. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,}");
    /** Below this, a value is too likely to be an ordinary word of a fixed message ("name is too short"). */
    private static final int MIN_VALUE_LENGTH = 5;

    private NoPersonalData() {
    }

    /**
     * @param what names the text in a failure message ("problem detail")
     * @param personalValues values from the input that are personal (names, ID numbers), any may be null
     */
    public static void assertAbsent(String what, String text, String... personalValues) {
        if (text == null) {
            return;
        }
        if (text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
            fail(what + " contains Chinese characters (a name?)");
        }
        if (DIGITS.matcher(text).find()) {
            fail(what + " contains a run of five or more digits (part of an ID number?)");
        }
        assertNotQuoted(what, text, personalValues);
    }

    /**
     * Only the value check, for texts that may hold other input (an account id, say): none of the
     * values is quoted, if it is long enough to be told from an ordinary word, or is Chinese.
     */
    public static void assertNotQuoted(String what, String text, String... personalValues) {
        if (text == null) {
            return;
        }
        for (String value : personalValues) {
            String v = value == null ? "" : value.strip();
            boolean han = v.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
            if ((v.length() >= MIN_VALUE_LENGTH || han && v.codePointCount(0, v.length()) >= 2) && text.contains(v)) {
                fail(what + " quotes a personal value from the input");
            }
        }
    }
}
