package org.realname.gateway.keyadmin;

import org.realname.gateway.tenant.CurrentTenant;

import java.time.Instant;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import org.realname.gateway.audit.AuditTrail;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.security.identity.SecurityIdentity;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.keys.KeyStatus;
import org.realname.gateway.keys.KeyKind;
import org.realname.gateway.keys.KeyRingView;

/** The operator's key-ring API (role {@code admin}); the {@code KeysCli} calls it. */
@Path("/api/v1/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class KeyAdminResource {

    private static final String ACCOUNT_ID_PATTERN = "[A-Za-z0-9._:@-]{1,64}";

    private final KeyRingService keyRing;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public KeyAdminResource(KeyRingService keyRing, SecurityIdentity caller, CurrentTenant tenant) {
        this.keyRing = keyRing;
        this.caller = caller;
        this.tenant = tenant;
    }

    public record RotateRequest(@JsonProperty("kind") String kind) {
    }

    public record Rotated(@JsonProperty("kind") KeyKind kind, @JsonProperty("key_id") String keyId,
            @JsonProperty("status") KeyStatus status) {
    }

    public record Shredded(@JsonProperty("account_id") String accountId, @JsonProperty("erased") boolean erased,
            @JsonProperty("erased_at") Instant erasedAt) {
    }

    @POST
    @Path("/keys/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate the KEK or the signing key",
            description = "The new version is ACTIVE at once, the previous one PASSIVE. For KEK, data keys are re-wrapped in the background: follow GET /api/v1/admin/keys.")
    public Response rotate(RotateRequest request) {
        KeyKind kind = parse(request == null ? null : request.kind());
        String keyId = keyRing.rotate(kind, actor(), Roles.ADMIN);
        return Response.accepted(new Rotated(kind, keyId, KeyStatus.ACTIVE)).build();
    }

    @GET
    @Path("/keys")
    @Operation(summary = "Key versions, statuses and re-wrap progress")
    public KeyRingView keys() {
        return keyRing.status();
    }

    @POST
    @Path("/accounts/{account_id}/shred")
    @Operation(summary = "Crypto-shred an account",
            description = "Destroys the account's data key: all its stored personal data becomes unreadable at once. Final.")
    public Shredded shred(@PathParam("account_id") String accountId) {
        if (accountId == null || !accountId.matches(ACCOUNT_ID_PATTERN)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "account_id must be 1-64 characters of letters, digits and ._:@-");
        }
        return new Shredded(accountId, true, keyRing.shred(tenant.account(accountId), actor(), Roles.ADMIN));
    }

    private String actor() {
        return AuditTrail.actorOf(caller.getPrincipal().getName());
    }

    private static KeyKind parse(String raw) {
        if (raw != null) {
            try {
                return KeyKind.valueOf(raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw new GatewayException(ErrorCode.INVALID_REQUEST, "kind must be KEK or SIGNING");
    }
}
