package org.realname.gateway.complaint;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.tenant.CurrentTenant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The operators' view of complaints (role {@code admin}), in the admin token's tenant like the
 * admin's other account actions: another tenant's complaint answers like a missing one.
 */
@Path("/api/v1/admin/complaints")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "complaints")
public class ComplaintAdminResource {

    private final ComplaintService complaints;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public ComplaintAdminResource(ComplaintService complaints, SecurityIdentity caller, CurrentTenant tenant) {
        this.complaints = complaints;
        this.caller = caller;
        this.tenant = tenant;
    }

    public record Complaints(@JsonProperty("complaints") List<AdminComplaintView> complaints) {
    }

    @GET
    @Operation(summary = "The tenant's complaints, the earliest due first; overdue=true for the unanswered ones past due")
    public Complaints list(@QueryParam("overdue") String overdue, @QueryParam("limit") String limit) {
        return new Complaints(complaints.list(tenant.id(), overdue, limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One complaint with the person's text (audited as COMPLAINT_READ)")
    public AdminComplaintView read(@PathParam("id") String id) {
        return complaints.read(tenant.id(), id, actor(), Roles.ADMIN);
    }

    @POST
    @Path("/{id}/answer")
    @Operation(summary = "Record that the complaint was answered; idempotent")
    public AdminComplaintView answer(@PathParam("id") String id) {
        return complaints.answer(tenant.id(), id, actor(), Roles.ADMIN);
    }

    private String actor() {
        return AuditTrail.actorOf(caller.getPrincipal().getName());
    }
}
