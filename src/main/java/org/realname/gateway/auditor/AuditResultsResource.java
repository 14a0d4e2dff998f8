package org.realname.gateway.auditor;

import org.realname.gateway.tenant.CurrentTenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The auditor's view of the verification results, identities masked; and the one way to see
 * one of them unmasked (a separate permission and a stated reason). Every read is recorded.
 */
@Path("/api/v1/audit/results")
@Tag(name = "audit")
public class AuditResultsResource {

    private final AuditorReads reads;
    private final AuditExports exports;
    private final UnmaskService unmask;
    private final AuditorConfig config;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public AuditResultsResource(AuditorReads reads, AuditExports exports, UnmaskService unmask, AuditorConfig config,
            SecurityIdentity caller,
            CurrentTenant tenant) {
        this.tenant = tenant;
        this.reads = reads;
        this.exports = exports;
        this.unmask = unmask;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Results in (verified_at, id) order, masked, filtered, one page after the cursor")
    public Page<ResultRow> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("account") String account, @QueryParam("outcome") String outcome,
            @QueryParam("purpose") String purpose, @QueryParam("provider") String provider,
            @QueryParam("status") String status, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        Filters filters = Filters.parse(from, to, account, outcome, purpose, provider, null, status).withTenant(tenant.auditScope().orElse(null));
        filters.resultOutcome();
        return reads.results(caller.getPrincipal().getName(), filters, PageRequest.of(after, limit, config));
    }

    @GET
    @Path("/export")
    @RolesAllowed(Roles.AUDITOR)
    @Produces({ "text/csv", "application/x-ndjson" })
    @Operation(summary = "All matching results as CSV or JSON lines, masked, streamed")
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("account") String account, @QueryParam("outcome") String outcome,
            @QueryParam("purpose") String purpose, @QueryParam("provider") String provider,
            @QueryParam("status") String status) {
        ExportFormat f = ExportFormat.parse(format);
        Filters filters = Filters.parse(from, to, account, outcome, purpose, provider, null, status).withTenant(tenant.auditScope().orElse(null));
        filters.resultOutcome();
        return Exports.response(exports.results(caller.getPrincipal().getName(), filters, f), f, "verification-results");
    }

    /**
     * Needs both roles: {@code auditor-unmask} is checked by the annotation, {@code auditor} here,
     * because {@code @RolesAllowed} accepts any one of its roles.
     */
    @POST
    @Path("/{id}/unmask")
    @RolesAllowed(Roles.UNMASK)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One result's name and ID number in plain, for a stated reason (recorded)")
    public Response unmask(@PathParam("id") String id, UnmaskRequest request) {
        if (!caller.hasRole(Roles.AUDITOR)) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "Unmasking needs both the auditor and the auditor-unmask role");
        }
        UnmaskedResult result = unmask.unmask(caller.getPrincipal().getName(), tenant.auditScope().orElse(null), id, request);
        return Response.ok(result)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
