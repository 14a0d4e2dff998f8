package org.realname.gateway.session;

import org.realname.gateway.tenant.CurrentTenant;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** The platform's API for verification sessions. */
@Path("/api/v1/verifications")
@RolesAllowed(Roles.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "verifications")
public class VerificationResource {

    private final VerificationService service;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public VerificationResource(VerificationService service, SecurityIdentity caller, CurrentTenant tenant) {
        this.service = service;
        this.caller = caller;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a verification", description = "Creates a session and returns the one-time link to send the user's browser to.")
    @APIResponse(responseCode = "201", description = "Created (or the same session again for a repeated Idempotency-Key)")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json)")
    @APIResponse(responseCode = "409", description = "Idempotency conflict or account state (problem+json)")
    public Response create(CreateVerificationRequest request,
            @Parameter(description = "Same key and same body answer the same session")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        VerificationView view = service.create(request, tenant.id(), caller.getPrincipal().getName(), idempotencyKey);
        return Response.created(URI.create("/api/v1/verifications/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a verification's status")
    public VerificationView get(@PathParam("id") String id) {
        return service.get(tenant.id(), id, AuditTrail.actorOf(caller.getPrincipal().getName()));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a verification that is not finished")
    public VerificationView cancel(@PathParam("id") String id) {
        return service.cancel(tenant.id(), id, AuditTrail.actorOf(caller.getPrincipal().getName()));
    }
}
