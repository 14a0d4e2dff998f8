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
import org.realname.gateway.auth.UserAccounts;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person's rights with their own token (role {@code user}): the token names the account
 * ({@link UserAccounts}), so a token can only ever reach its own account's data.
 */
@Path("/api/v1/me")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rights")
public class MyRightsResource {

    private final Rights rights;
    private final SecurityIdentity caller;
    private final UserAccounts accounts;
    private final CurrentTenant tenant;

    public MyRightsResource(Rights rights, SecurityIdentity caller, UserAccounts accounts, CurrentTenant tenant) {
        this.rights = rights;
        this.caller = caller;
        this.accounts = accounts;
        this.tenant = tenant;
    }

    private Requester me() {
        return Requester.self(tenant.id(), accounts.accountOf(caller));
    }

    @GET
    @Path("/verifications")
    @Operation(summary = "My verifications, masked, newest first")
    public HistoryView history(@QueryParam("limit") String limit) {
        return rights.history(me(), limit);
    }

    @GET
    @Path("/export")
    @Operation(summary = "Everything held about me, as JSON (portability)")
    public ExportView export() {
        return rights.export(me());
    }

    @POST
    @Path("/erasure")
    @Operation(summary = "Erase my personal data (crypto-shredding); final and idempotent")
    public ErasureView erase() {
        return rights.erase(me());
    }

    @POST
    @Path("/verifications/{id}/dispute")
    @Operation(summary = "Report a verification that was not me")
    public DisputeView dispute(@PathParam("id") String id) {
        return rights.dispute(me(), id);
    }

    @POST
    @Path("/consent/withdrawal")
    @Operation(summary = "Withdraw my consent; my unfinished verifications are canceled")
    public WithdrawalView withdraw() {
        return rights.withdraw(me());
    }
}
