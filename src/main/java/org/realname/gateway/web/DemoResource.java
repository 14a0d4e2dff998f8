package org.realname.gateway.web;

import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.tenant.Tenant;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.result.RealNameService;
import org.realname.gateway.result.RealNameView;
import org.realname.gateway.session.CreateVerificationRequest;
import org.realname.gateway.session.VerificationService;
import org.realname.gateway.session.VerificationView;

import io.quarkus.qute.TemplateInstance;

/**
 * A stand-in platform for the embedded default, so a newcomer can click through consent, the
 * sandbox face page and the result. It uses the same service as the API; the production
 * profile refuses to start with it enabled.
 */
@Path("/demo")
@PermitAll
@Tag(name = "development")
public class DemoResource {

    private final VerificationService verifications;
    private final RealNameService realNames;
    private final boolean enabled;

    public DemoResource(VerificationService verifications, RealNameService realNames,
            WebConfig config) {
        this.verifications = verifications;
        this.realNames = realNames;
        this.enabled = config.demoEnabled();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Demo platform page (embedded default only)")
    public TemplateInstance page() {
        requireEnabled();
        return Pages.demo(true);
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@FormParam("account_id") String accountId, @FormParam("name") String name,
            @FormParam("id_number") String idNumber) {
        requireEnabled();
        boolean bound = accountId != null && accountId.matches("[A-Za-z0-9._:@-]{1,64}")
                && realNames.lookup(AccountRef.ofDefault(accountId), Optional.empty()).verified();
        CreateVerificationRequest request = bound
                ? new CreateVerificationRequest(accountId, "REVERIFY", resultUrl(), null, null)
                : new CreateVerificationRequest(accountId, "SIGNUP", resultUrl(), name, idNumber);
        VerificationView view = verifications.create(request, Tenant.DEFAULT, "demo", null);
        return Response.seeOther(URI.create(view.redirectUrl())).build();
    }

    @GET
    @Path("/result")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance result(@QueryParam("verification_id") String id, @QueryParam("status") String status) {
        requireEnabled();
        VerificationView view = verifications.get(id);
        RealNameView realName = realNames.lookup(AccountRef.ofDefault(view.accountId()), Optional.empty());
        return Pages.demoResult(view.id(), view.status().name(), realName);
    }

    private String resultUrl() {
        return verifications.base() + "/demo/result";
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "The demo is not enabled");
        }
    }
}
