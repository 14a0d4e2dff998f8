package org.realname.gateway.web;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.config.GatewayConfig;
import org.realname.gateway.consent.ConsentChannel;
import org.realname.gateway.consent.ConsentForm;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.provider.ProviderLink;
import org.realname.gateway.session.BrowserFlowService;
import org.realname.gateway.session.SessionConfig;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * The end user's pages. The one-time link {@code /v/{token}} binds the session to this browser
 * and moves the token out of the address bar; everything after it lives under
 * {@code /verify/{id}} and answers only the bound browser.
 */
@Path("/")
@PermitAll
@Tag(name = "pages")
public class VerificationPagesResource {

    static final String COOKIE_PATH_PREFIX = "/verify/";

    private final BrowserFlowService flow;
    private final SessionConfig config;
    private final WebConfig web;
    private final ProviderLink provider;
    private final boolean secureCookies;

    public VerificationPagesResource(BrowserFlowService flow, SessionConfig config, WebConfig web,
            ProviderLink provider, GatewayConfig gateway) {
        this.flow = flow;
        this.config = config;
        this.web = web;
        this.provider = provider;
        this.secureCookies = "https".equalsIgnoreCase(gateway.publicBaseUrl().getScheme());
    }

    @GET
    @Path("/v/{token}")
    @Operation(summary = "Open the one-time link (browser)")
    public Response open(@PathParam("token") String token) {
        // The cookie is scoped to the session's own path, so it is not sent here: a second open is a reuse.
        BrowserFlowService.OpenedLink opened = flow.openLink(token, null);
        Response.ResponseBuilder r = Response.seeOther(URI.create(COOKIE_PATH_PREFIX + opened.sessionId()));
        if (opened.browserSecret() != null) {
            r.cookie(new NewCookie.Builder(config.bindingCookie())
                    .value(opened.browserSecret())
                    .path(COOKIE_PATH_PREFIX + opened.sessionId())
                    .httpOnly(true)
                    .secure(secureCookies)
                    .sameSite(NewCookie.SameSite.LAX)
                    .maxAge((int) config.ttl().plusMinutes(30).toSeconds())
                    .build());
        }
        return r.build();
    }

    @GET
    @Path("/verify/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Consent page (browser)")
    public TemplateInstance consentPage(@PathParam("id") String id, @CookieParam("rngw_binding") String secret) {
        BrowserFlowService.ConsentView view = flow.consentView(id, secret);
        return Pages.consent(view, false);
    }

    @POST
    @Path("/verify/{id}/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Record consent and go to the provider (browser)")
    public Response consent(@PathParam("id") String id, @CookieParam("rngw_binding") String secret,
            @FormParam("consent") String consent, @FormParam("rules_version") String rulesVersion,
            @FormParam("rules_digest") String rulesDigest, @FormParam("guardian_name") String guardianName,
            @FormParam("guardian_relation") String guardianRelation, @FormParam("guardian_consent") String guardianConsent,
            @HeaderParam("User-Agent") String userAgent, @HeaderParam("Origin") String origin,
            @HeaderParam("Sec-Fetch-Site") String fetchSite, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        // Before anything is read or counted: a cross-site post changes nothing and is not on record.
        CrossSiteForms.requireSameOrigin(uri.getBaseUri(), origin, fetchSite);
        ConsentChannel channel = ConsentChannel.of(isPhone(userAgent), web.desktopHandoff());
        ConsentForm form = new ConsentForm(ticked(consent), rulesVersion, rulesDigest, channel, guardianName,
                guardianRelation, ticked(guardianConsent));
        // Behind a proxy, quarkus.http.proxy.* makes this the forwarded client address.
        String clientIp = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        URI next;
        try {
            next = flow.consent(id, secret, form, clientIp);
        } catch (GatewayException e) {
            if (e.code() == ErrorCode.RULES_CHANGED && ProblemMapper.wantsHtml(headers, uri)) {
                // A browser gets the rules now in force to read and consent to again, not a dead end.
                String page = Pages.consent(flow.consentView(id, secret), true).render();
                return Response.status(e.code().status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(page).build();
            }
            throw e;
        }
        if (channel == ConsentChannel.DESKTOP_HANDOFF && provider.appLink(next).isPresent()) {
            return Response.seeOther(URI.create(COOKIE_PATH_PREFIX + id + "/handoff")).build();
        }
        return Response.status(Response.Status.FOUND).location(next).build();
    }

    @GET
    @Path("/verify/{id}/handoff")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Desktop hand-off to the provider's app (browser)")
    public TemplateInstance handoff(@PathParam("id") String id, @CookieParam("rngw_binding") String secret) {
        BrowserFlowService.Handoff h = flow.handoff(id, secret);
        String appLink = h.appLink().map(URI::toString).orElse(null);
        return Pages.handoff(h.providerPage().toString(), appLink, appLink == null ? null : QrCodeSvg.of(appLink));
    }

    private static boolean ticked(String checkbox) {
        return checkbox != null && (checkbox.equals("on") || checkbox.equals("true") || checkbox.equals("yes"));
    }

    /** Phones and tablets go straight to the provider; the capture needs a camera anyway. */
    static boolean isPhone(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        String ua = userAgent.toLowerCase(java.util.Locale.ROOT);
        return ua.contains("mobile") || ua.contains("android") || ua.contains("iphone") || ua.contains("ipad")
                || ua.contains("alipayclient");
    }

    @GET
    @Path("/verify/{id}/return")
    @Operation(summary = "Return from the provider (browser)")
    public Response providerReturn(@PathParam("id") String id, @CookieParam("rngw_binding") String secret) {
        BrowserFlowService.Finished finished = flow.completeReturn(id, secret);
        return Response.status(Response.Status.FOUND).location(finished.platformRedirect()).build();
    }
}
