package org.realname.gateway.shared;

/** Why a verification is made. */
public enum Purpose {
    /** Binds a real identity to the account; the platform sends the name and ID number. */
    SIGNUP,
    /** Checks that the person is the one already bound to the account, before a sensitive operation. */
    REVERIFY;

    /** Whether {@code text} is exactly one of the names (no exception for anything else). */
    public static boolean isName(String text) {
        for (Purpose p : values()) {
            if (p.name().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
