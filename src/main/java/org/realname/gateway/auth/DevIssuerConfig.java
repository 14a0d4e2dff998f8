package org.realname.gateway.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The local development token issuer of the embedded default. Never enabled in production. */
@ConfigMapping(prefix = "gateway.dev-issuer")
public interface DevIssuerConfig {

    /** Whether tokens minted by {@code POST /dev/tokens} are accepted. The production profile refuses to start with it on. */
    @WithDefault("false")
    boolean enabled();

    /** The {@code iss} claim of minted tokens; defaults to the gateway's public base URL + {@code /dev-issuer}. */
    Optional<String> issuer();

    /** How long a minted token stays valid. */
    @WithDefault("1h")
    Duration tokenLifetime();

    /** Folder holding the issuer's generated key pair; defaults to {@code <data-dir>/dev-issuer}. */
    Optional<Path> keyDir();
}
