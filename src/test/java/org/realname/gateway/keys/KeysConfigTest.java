package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Checks the mapping against the real application.properties, without booting Quarkus. */
class KeysConfigTest {

    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws Exception {
        URL properties = KeysConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(environment, "test-environment", 300))
                .withMapping(KeysConfig.class)
                .build();
    }

    @Test
    void embeddedDefault_hasStoreInDataDir_devPassword_andCreates() throws Exception {
        KeysConfig keys = config("dev", Map.of()).getConfigMapping(KeysConfig.class);

        assertEquals(Path.of("data/keys/gateway-keys.bcfks"), keys.storeFile());
        assertFalse(keys.storePassword().isBlank());
        assertTrue(keys.createIfMissing());
    }

    @Test
    void testProfile_usesTestDataDir() throws Exception {
        KeysConfig keys = config("test", Map.of()).getConfigMapping(KeysConfig.class);
        assertEquals(Path.of("target/test-data/keys/gateway-keys.bcfks"), keys.storeFile());
    }

    @Test
    void production_withoutEnvironmentPassword_refusesToStart() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> config("prod", Map.of()).getConfigMapping(KeysConfig.class));
        assertTrue(String.valueOf(e.getMessage()).contains("GATEWAY_KEYS_STORE_PASSWORD"), e.getMessage());
    }

    @Test
    void production_takesPasswordFromEnvironment_andNeverCreates() throws Exception {
        KeysConfig keys = config("prod", Map.of("GATEWAY_KEYS_STORE_PASSWORD", "from-env"))
                .getConfigMapping(KeysConfig.class);

        assertEquals("from-env", keys.storePassword());
        assertFalse(keys.createIfMissing());
    }
}
