package org.realname.gateway.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and switches of the HTTP surface. */
@ConfigMapping(prefix = "gateway.web")
public interface WebConfig {

    /** Largest request body the API accepts, in bytes; larger ones get {@code 413 body-too-large}. */
    @WithDefault("16384")
    long maxBodyBytes();

    /** Whether the demo platform page ({@code /demo}) is served. Never in production. */
    @WithDefault("false")
    boolean demoEnabled();
}
