package org.realname.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What docs/deployment.md tells an operator to run, in one place: {@link ProductionRecipeIT} runs
 * exactly these, and {@link DeploymentDocTest} checks the page shows exactly these. Each command
 * runs in the deployment folder, which holds {@code quarkus-app/} (the packaged gateway) and
 * {@code config/}.
 */
final class DeploymentRecipe {

    /** The instances' settings file, beside the jar as {@code config/application.properties}. */
    static final Path SETTINGS = Path.of("config/deployment/application.properties");
    /** The instances' environment: the variables, with example values. */
    static final Path ENVIRONMENT = Path.of("config/deployment/gateway.env");
    /** The face-information rules every instance shows (gateway.consent.rules-file's default place). */
    static final Path RULES = Path.of("config/face-rules.json");

    /** The key ceremony, with GATEWAY_KEYS_STORE_FILE and GATEWAY_KEYS_STORE_PASSWORD set. */
    static final String KEY_CEREMONY =
            "java -cp 'quarkus-app/app/*:quarkus-app/lib/boot/*:quarkus-app/lib/main/*' org.realname.gateway.keys.cli.KeysCli init";
    /** One instance, with the environment of gateway.env (profile prod: the packaged jar's default). */
    static final String START = "java -jar quarkus-app/quarkus-run.jar";
    /** The key ring's state through the admin API, with GATEWAY_ADMIN_TOKEN and GATEWAY_URL set. */
    static final String KEYS_STATUS = "java -cp 'quarkus-app/app/*' org.realname.gateway.keys.cli.KeysCli status";

    private DeploymentRecipe() {
    }

    /** The variable names gateway.env sets. */
    static Set<String> environmentNames() {
        try {
            Set<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(ENVIRONMENT)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.substring(0, line.indexOf('=')));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
