package org.realname.gateway.webhook.delivery;

import java.util.List;
import java.util.Map;

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

import io.quarkus.security.identity.SecurityIdentity;

/** The operator's view of webhook deliveries that gave up (role {@code admin}), and their replay. */
@Path("/api/v1/admin/webhooks")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class WebhookAdminResource {

    private final DeliveryService deliveries;
    private final SecurityIdentity caller;

    public WebhookAdminResource(DeliveryService deliveries, SecurityIdentity caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "Dead-lettered deliveries of every platform, newest first, with their attempts")
    public Map<String, List<DeliveryView>> deadLetters(@QueryParam("limit") Integer limit) {
        return Map.of("deliveries", deliveries.deadLetters(limit));
    }

    @POST
    @Path("/deliveries/{id}/replay")
    @Operation(summary = "Put a dead-lettered delivery back in the queue, due now, with a new give-up window")
    public DeliveryView replay(@PathParam("id") String id) {
        return deliveries.replay(AuditTrail.actorOf(caller.getPrincipal().getName()), id);
    }
}
