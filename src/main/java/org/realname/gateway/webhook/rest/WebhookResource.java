package org.realname.gateway.webhook.rest;

import org.realname.gateway.tenant.CurrentTenant;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.webhook.delivery.DeliveryService;
import org.realname.gateway.webhook.delivery.DeliveryView;

import io.quarkus.security.identity.SecurityIdentity;
import org.realname.gateway.webhook.SubscribeRequest;
import org.realname.gateway.webhook.WebhookService;
import org.realname.gateway.webhook.WebhookView;

/** The platform's webhook subscriptions (docs/webhooks.md); each belongs to the token's subject. */
@Path("/api/v1/webhooks")
@RolesAllowed(Roles.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookResource {

    private final WebhookService service;
    private final DeliveryService deliveries;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public WebhookResource(WebhookService service, DeliveryService deliveries, SecurityIdentity caller,
            CurrentTenant tenant) {
        this.tenant = tenant;
        this.service = service;
        this.deliveries = deliveries;
        this.caller = caller;
    }

    private String owner() {
        return caller.getPrincipal().getName();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint; the answer shows its signing secret, once")
    public Response subscribe(SubscribeRequest request) {
        WebhookView view = service.subscribe(tenant.id(), owner(), request);
        return Response.created(URI.create("/api/v1/webhooks/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "The caller's subscriptions, oldest first (no secrets)")
    public List<WebhookView> list() {
        return service.list(tenant.id(), owner());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription (no secret)")
    public WebhookView get(@PathParam("id") String id) {
        return service.get(tenant.id(), owner(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription; its secrets are destroyed")
    public Response delete(@PathParam("id") String id) {
        service.delete(tenant.id(), owner(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "A new secret, shown once; the previous one keeps signing during the overlap window")
    public WebhookView rotateSecret(@PathParam("id") String id) {
        return service.rotateSecret(tenant.id(), owner(), id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's deliveries, newest first, each with its attempts (kept 30 days); never bodies")
    public Map<String, List<DeliveryView>> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit) {
        return Map.of("deliveries", deliveries.deliveries(tenant.id(), owner(), id, status, limit));
    }

    @POST
    @Path("/{id}/ping")
    @Operation(summary = "Queue a signed ping event for this subscription only")
    public Response ping(@PathParam("id") String id) {
        return Response.accepted(Map.of("event_id", deliveries.ping(tenant.id(), owner(), id))).build();
    }
}
