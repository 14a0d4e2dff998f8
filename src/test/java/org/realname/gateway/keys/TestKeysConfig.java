package org.realname.gateway.keys;

import java.nio.file.Path;
import java.time.Duration;

/** A {@link KeysConfig} for plain unit tests, without booting Quarkus. */
record TestKeysConfig(Path storeFile, String storePassword, boolean createIfMissing) implements KeysConfig {

    @Override
    public int rewrapBatchSize() {
        return 200;
    }

    @Override
    public Duration rewrapInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration rewrapDelay() {
        return Duration.ofSeconds(5);
    }

    static final String PASSWORD = "unit-test-store-password";

    static TestKeysConfig in(Path dir) {
        return new TestKeysConfig(dir.resolve("keys/gateway-keys.bcfks"), PASSWORD, true);
    }

    TestKeysConfig withPassword(String password) {
        return new TestKeysConfig(storeFile, password, createIfMissing);
    }

    TestKeysConfig withoutCreate() {
        return new TestKeysConfig(storeFile, storePassword, false);
    }
}
