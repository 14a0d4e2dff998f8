package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** A provider path other than one plain segment stops the start; a good one is routed. */
class SandboxProviderPathTest {

    record Config(boolean enabled, Optional<String> providerPath) implements SandboxConfig {
        public String appId() {
            return "2021000000000001";
        }

        public Duration timestampSkew() {
            return Duration.ofMinutes(10);
        }

        public Duration certifyIdTtl() {
            return Duration.ofHours(24);
        }

        public UnfinishedQuery unfinishedQuery() {
            return UnfinishedQuery.NOT_FINISH;
        }

        public Duration slowQueryDelay() {
            return Duration.ofSeconds(15);
        }
    }

    @Test
    void badProviderPaths_stopTheStart() {
        Vertx vertx = Vertx.vertx();
        try {
            for (String bad : new String[] {"/sandbox", "provider", "/a/b", "/", "/Provider", "/" + "p".repeat(33), "/p?x"}) {
                Router router = Router.router(vertx);
                assertThrows(IllegalStateException.class,
                        () -> new SandboxProviderPath(new Config(true, Optional.of(bad))).install(router), bad);
            }
            Router router = Router.router(vertx);
            assertDoesNotThrow(() -> new SandboxProviderPath(new Config(true, Optional.of("/provider"))).install(router));
            // With the sandbox off the setting is not even read.
            assertDoesNotThrow(() -> new SandboxProviderPath(new Config(false, Optional.of("/sandbox"))).install(router));
        } finally {
            vertx.close();
        }
    }
}
