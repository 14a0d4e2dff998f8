package org.realname.gateway.result;

import org.realname.gateway.tenant.CurrentTenant;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.security.identity.SecurityIdentity;

/** The platform asks here before a sensitive operation. */
@Path("/api/v1/accounts/{account_id}/real-name")
@RolesAllowed(Roles.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    private static final Duration MAX_MAX_AGE = Duration.ofDays(3650);

    private final RealNameService service;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public AccountResource(RealNameService service, SecurityIdentity caller, CurrentTenant tenant) {
        this.service = service;
        this.caller = caller;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "Is this account verified (and recently enough)?",
            description = "Masked name and ID number, when it was bound and last verified; with max_age, whether the last pass is within it.")
    public RealNameView get(@PathParam("account_id") String accountId,
            @Parameter(description = "ISO-8601 duration, e.g. PT10M") @QueryParam("max_age") String maxAge) {
        if (accountId == null || !accountId.matches("[A-Za-z0-9._:@-]{1,64}")) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "account_id must be 1-64 characters of letters, digits and ._:@-");
        }
        return service.read(AuditTrail.actorOf(caller.getPrincipal().getName()), tenant.account(accountId), parse(maxAge));
    }

    private static Optional<Duration> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(raw);
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_MAX_AGE) > 0) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "max_age must be a positive ISO-8601 duration of at most 10 years");
            }
            return Optional.of(d);
        } catch (DateTimeParseException e) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "max_age must be an ISO-8601 duration such as PT10M");
        }
    }
}
