package org.realname.gateway.privacy;

/**
 * Masks personal data for display. Every place that shows a name or an ID number goes through
 * here, so the masking rule is the same everywhere ({@code 张*}, {@code 110***********123X}).
 */
public final class Masking {

    private Masking() {
    }

    /** Keeps the first character and replaces every other one by {@code *}; spaces stay. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int[] cps = name.codePoints().toArray();
        out.appendCodePoint(cps[0]);
        for (int i = 1; i < cps.length; i++) {
            out.append(cps[i] == ' ' ? ' ' : '*');
        }
        return out.toString();
    }

    /** Keeps the first three and the last four characters of an ID number. */
    public static String idNumber(String id) {
        if (id == null || id.length() < 8) {
            return "*".repeat(id == null ? 0 : id.length());
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
    }
}
