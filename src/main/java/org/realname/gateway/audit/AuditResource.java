package org.realname.gateway.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** The auditor's check of the whole trail. The check itself is recorded in the trail. */
@Path("/api/v1/audit/verify")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    private final AuditChainVerifier verifier;
    private final AuditTrail trail;
    private final SecurityIdentity caller;

    public AuditResource(AuditChainVerifier verifier, AuditTrail trail, SecurityIdentity caller) {
        this.verifier = verifier;
        this.trail = trail;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Check the audit trail's hash chain end to end; reports the first broken link")
    public AuditChainVerifier.Report verify() {
        AuditChainVerifier.Report report = verifier.verify();
        trail.record(AuditTrail.actorOf(caller.getPrincipal().getName()), Roles.AUDITOR, AuditEventType.AUDIT_VERIFIED, "audit_trail", null,
                report.intact() ? "intact" : "broken-at-" + report.firstBrokenSeq());
        return report;
    }
}
