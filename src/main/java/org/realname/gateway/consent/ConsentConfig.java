package org.realname.gateway.consent;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the face-information rules the user consents to are kept. */
@ConfigMapping(prefix = "gateway.consent")
public interface ConsentConfig {

    /**
     * JSON file with {@code version}, {@code effective_date} and the rules text in Chinese and
     * English. Kept in {@code config/} so that legal changes need no code change.
     */
    @WithDefault("config/face-rules.json")
    Path rulesFile();

    /**
     * How often an instance looks for a rules version announced for a later date and sends the
     * platforms {@code consent.rules_upcoming} once per version ({@code off}: never).
     */
    @WithDefault("10m")
    String announceInterval();
}
