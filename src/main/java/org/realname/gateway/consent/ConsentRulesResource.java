package org.realname.gateway.consent;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The face-information rules in force and the next version announced, each with its digest, so a
 * platform learns of a change before it applies (the webhook {@code consent.rules_upcoming} says
 * the same once per version).
 */
@Path("/api/v1/consent/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consent")
public class ConsentRulesResource {

    private final ConsentRules rules;

    public ConsentRulesResource(ConsentRules rules) {
        this.rules = rules;
    }

    /** Both versions; {@code upcoming} is null when no change is announced. */
    public record RulesOverview(@JsonProperty("in_force") RulesVersion inForce,
            @JsonProperty("upcoming") RulesVersion upcoming) {
    }

    /** One version as platforms see it: enough to show it, check a digest, or prepare for it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RulesVersion(@JsonProperty("version") String version,
            @JsonProperty("effective_date") LocalDate effectiveDate,
            @JsonProperty("digest") String digest,
            @JsonProperty("digest_algorithm") String digestAlgorithm,
            @JsonProperty("provider") String provider,
            @JsonProperty("text_zh") String textZh,
            @JsonProperty("text_en") String textEn,
            @JsonProperty("changes_zh") String changesZh,
            @JsonProperty("changes_en") String changesEn) {

        public static RulesVersion of(ConsentRules.Rules r) {
            return new RulesVersion(r.version(), r.effectiveDate(), r.digest(), ConsentRules.DIGEST_ALGORITHM,
                    r.providerName().orElse(null), r.textZh(), r.textEn(), r.changesZh().orElse(null),
                    r.changesEn().orElse(null));
        }
    }

    @GET
    @RolesAllowed({ Roles.PLATFORM, Roles.AUDITOR, Roles.ADMIN, Roles.USER })
    @Operation(summary = "The face-information rules in force and the next version announced, with their digests")
    public RulesOverview overview() {
        ConsentRules.Rules inForce = rules.current();
        return new RulesOverview(RulesVersion.of(inForce), rules.upcoming().map(RulesVersion::of).orElse(null));
    }
}
