package org.realname.gateway.rights;

import org.realname.gateway.tenant.CurrentTenant;

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
import org.realname.gateway.shared.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** The same rights, requested by the platform (or an operator) on the person's behalf. */
@Path("/api/v1/accounts/{account_id}")
@RolesAllowed({Roles.PLATFORM, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rights")
public class AccountRightsResource {

    private final Rights rights;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public AccountRightsResource(Rights rights, SecurityIdentity caller, CurrentTenant tenant) {
        this.rights = rights;
        this.caller = caller;
        this.tenant = tenant;
    }

    private Requester forAccount(String account) {
        String role = caller.hasRole(Roles.PLATFORM) ? Roles.PLATFORM : Roles.ADMIN;
        return Requester.onBehalf(tenant.id(), account, caller.getPrincipal().getName(), role);
    }

    @GET
    @Path("/verifications")
    @Operation(summary = "The account's verifications, masked, newest first")
    public HistoryView history(@PathParam("account_id") String account, @QueryParam("limit") String limit) {
        return rights.history(forAccount(account), limit);
    }

    @GET
    @Path("/export")
    @Operation(summary = "Everything held about the account, as JSON (portability)")
    public ExportView export(@PathParam("account_id") String account) {
        return rights.export(forAccount(account));
    }

    @POST
    @Path("/erasure")
    @Operation(summary = "Erase the account's personal data (crypto-shredding); final and idempotent")
    public ErasureView erase(@PathParam("account_id") String account) {
        return rights.erase(forAccount(account));
    }

    @POST
    @Path("/verifications/{id}/dispute")
    @Operation(summary = "Report, for the person, a verification that was not them")
    public DisputeView dispute(@PathParam("account_id") String account, @PathParam("id") String id) {
        return rights.dispute(forAccount(account), id);
    }

    @POST
    @Path("/consent/withdrawal")
    @Operation(summary = "Record the person's withdrawal of consent; unfinished verifications are canceled")
    public WithdrawalView withdraw(@PathParam("account_id") String account) {
        return rights.withdraw(forAccount(account));
    }
}
