package org.realname.gateway.consent;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * In production the face-information rules in force, and any announced after them, name the
 * verification provider and what it receives: a person may not consent to sending their face to
 * an unnamed party. Older versions kept in the file only to show what changed are not checked.
 */
@ApplicationScoped
class RulesStartupGuard {

    private final ConsentRules rules;

    RulesStartupGuard(ConsentRules rules) {
        this.rules = rules;
    }

    void onStart(@Observes StartupEvent event) {
        ConsentRules.Rules inForce = rules.current();
        List<String> problems = check(ConfigUtils.getProfiles(), rules.versions().stream()
                .filter(r -> !r.effectiveDate().isBefore(inForce.effectiveDate())).toList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the production profile: " + String.join("; ", problems));
        }
    }

    static List<String> check(List<String> profiles, List<ConsentRules.Rules> versions) {
        List<String> problems = new ArrayList<>();
        if (profiles.contains("prod")) {
            for (ConsentRules.Rules r : versions) {
                if (r.provider().isEmpty()) {
                    problems.add("face-information rules version " + r.version()
                            + " does not name the verification provider (provider.name, provider.receives)");
                }
            }
        }
        return problems;
    }
}
