package org.realname.gateway.config;

import java.net.URI;
import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every capability. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * The gateway's own public origin and base path, as browsers reach it. One-time links and the
     * provider return URL are built from it.
     */
    URI publicBaseUrl();

    /**
     * Folder for the embedded default's files: H2 database, development keys, sandbox keys.
     * Relative paths resolve against the working directory.
     */
    @WithDefault("data")
    Path dataDir();
}
