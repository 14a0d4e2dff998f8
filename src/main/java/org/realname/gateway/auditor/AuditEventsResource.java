package org.realname.gateway.auditor;

import org.realname.gateway.tenant.CurrentTenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** The auditor's read-only view of the audit trail: pages and streamed exports. Every read is itself recorded. */
@Path("/api/v1/audit/events")
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "audit")
public class AuditEventsResource {

    private final AuditorReads reads;
    private final AuditExports exports;
    private final AuditorConfig config;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public AuditEventsResource(AuditorReads reads, AuditExports exports, AuditorConfig config, SecurityIdentity caller,
            CurrentTenant tenant) {
        this.tenant = tenant;
        this.reads = reads;
        this.exports = exports;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit entries in sequence order, filtered, one page after the cursor")
    public Page<EventRow> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("account") String account, @QueryParam("outcome") String outcome,
            @QueryParam("purpose") String purpose, @QueryParam("provider") String provider,
            @QueryParam("event_type") String eventType, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        Filters filters = Filters.parse(from, to, account, outcome, purpose, provider, eventType, null).withTenant(tenant.auditScope().orElse(null));
        return reads.events(caller.getPrincipal().getName(), filters, PageRequest.of(after, limit, config));
    }

    @GET
    @Path("/export")
    @Produces({ "text/csv", "application/x-ndjson" })
    @Operation(summary = "All matching audit entries as CSV or JSON lines, streamed")
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("account") String account, @QueryParam("outcome") String outcome,
            @QueryParam("purpose") String purpose, @QueryParam("provider") String provider,
            @QueryParam("event_type") String eventType) {
        ExportFormat f = ExportFormat.parse(format);
        Filters filters = Filters.parse(from, to, account, outcome, purpose, provider, eventType, null).withTenant(tenant.auditScope().orElse(null));
        return Exports.response(exports.events(caller.getPrincipal().getName(), filters, f), f, "audit-events");
    }
}
