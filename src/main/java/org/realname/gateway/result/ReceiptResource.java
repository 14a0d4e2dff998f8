package org.realname.gateway.result;

import org.realname.gateway.tenant.CurrentTenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** Signed receipts, checkable offline with the certificate (docs/receipts.md). */
@Path("/api/v1/verifications/{id}/receipt")
@RolesAllowed({Roles.PLATFORM, Roles.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "verifications")
public class ReceiptResource {

    private final ReceiptService receipts;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public ReceiptResource(ReceiptService receipts, SecurityIdentity caller, CurrentTenant tenant) {
        this.receipts = receipts;
        this.caller = caller;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The SM2-signed receipt of a finished verification")
    public ReceiptView get(@PathParam("id") String id) {
        // A platform sees its tenant; an auditor its tenant, or every tenant.
        String scope = caller.hasRole(Roles.PLATFORM) ? tenant.id() : tenant.auditScope().orElse(null);
        return receipts.receipt(scope, id, AuditTrail.actorOf(caller.getPrincipal().getName()),
                caller.hasRole(Roles.PLATFORM) ? Roles.PLATFORM : Roles.AUDITOR);
    }
}
