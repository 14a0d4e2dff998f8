package org.realname.gateway.support;

import java.util.concurrent.ThreadLocalRandom;

import org.realname.gateway.identity.IdNumber;

/** Valid-looking resident ID numbers for tests (Beijing, Dongcheng; random sequence). */
public final class TestIds {

    private TestIds() {
    }

    public static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A fresh valid ID number of an adult born 1990-01-01. */
    public static String random() {
        int seq = ThreadLocalRandom.current().nextInt(1000);
        return withCheck(String.format("110101199001011%03d", seq).substring(0, 17));
    }

    public static String randomAccount() {
        return "acct-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
