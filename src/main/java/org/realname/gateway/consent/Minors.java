package org.realname.gateway.consent;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import org.realname.gateway.identity.IdNumber;

/** The configured {@link MinorRules} applied to ID numbers. Checked at start: bad thresholds refuse to start. */
@Startup
@ApplicationScoped
public class Minors {

    private final MinorRules rules;

    public Minors(MinorsConfig config) {
        this.rules = MinorRules.of(config);
    }

    public MinorRules.Requirement requirement(IdNumber idNumber, Instant at) {
        return rules.requirement(idNumber.birthDate(), at);
    }

    public boolean isMinor(IdNumber idNumber, Instant at) {
        return rules.isMinor(idNumber.birthDate(), at);
    }

    public MinorRules rules() {
        return rules;
    }
}
