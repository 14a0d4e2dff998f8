package org.realname.gateway.complaint;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.auth.UserAccounts;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.tenant.CurrentTenant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person's complaints and requests with their own token (role {@code user}): the token
 * names the account, so a person files for, and sees, only their own.
 */
@Path("/api/v1/me/complaints")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "complaints")
public class MyComplaintsResource {

    /** Account ids as the rights accept them. */
    private static final String ACCOUNT_ID_PATTERN = "[A-Za-z0-9._:@-]{1,64}";

    private final ComplaintService complaints;
    private final SecurityIdentity caller;
    private final UserAccounts accounts;
    private final CurrentTenant tenant;

    public MyComplaintsResource(ComplaintService complaints, SecurityIdentity caller, UserAccounts accounts,
            CurrentTenant tenant) {
        this.complaints = complaints;
        this.caller = caller;
        this.accounts = accounts;
        this.tenant = tenant;
    }

    /** The body of a new complaint; strings, so a wrong kind gets its own problem detail. */
    public record FileRequest(@JsonProperty("kind") String kind, @JsonProperty("text") String text) {
    }

    public record Complaints(@JsonProperty("account_id") String accountId,
            @JsonProperty("complaints") List<ComplaintView> complaints) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a complaint or request about my data",
            description = "Answered within the configured working days; the answer date is in due_at.")
    public Response file(FileRequest request) {
        if (request == null) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "A JSON body with kind (and optionally text) is required");
        }
        AccountRef me = me();
        ComplaintView filed = complaints.file(me, me.accountId(), Roles.USER, request.kind(), request.text());
        return Response.status(Response.Status.CREATED).entity(filed).build();
    }

    @GET
    @Operation(summary = "My complaints and requests, newest first, with status and due date")
    public Complaints mine() {
        AccountRef me = me();
        return new Complaints(me.accountId(), complaints.mine(me));
    }

    private AccountRef me() {
        String account = accounts.accountOf(caller);
        if (account == null || !account.matches(ACCOUNT_ID_PATTERN)) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "The account this token names is not an account id");
        }
        return tenant.account(account);
    }
}
