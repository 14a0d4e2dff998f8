package org.realname.gateway.limits;

/** Limits built in a test instead of read from configuration. */
record TestLimits(int accountPerDay, int accountPerMinute, int idNumberPerDay, int idNumberPerMinute,
        int clientIpPerDay, int clientIpPerMinute, String purgeInterval) implements LimitsConfig {

    /** The documented production defaults. */
    static TestLimits defaults() {
        return new TestLimits(5, 3, 10, 3, 20, 5, "1h");
    }

    TestLimits withAccount(int perDay, int perMinute) {
        return new TestLimits(perDay, perMinute, idNumberPerDay, idNumberPerMinute, clientIpPerDay, clientIpPerMinute,
                purgeInterval);
    }
}
