package org.realname.gateway.auditor.console;

import org.realname.gateway.tenant.CurrentTenant;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.audit.AuditChainVerifier;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.auditor.AuditExports;
import org.realname.gateway.auditor.AuditorConfig;
import org.realname.gateway.auditor.AuditorReads;
import org.realname.gateway.auditor.EventRow;
import org.realname.gateway.auditor.ExportFormat;
import org.realname.gateway.auditor.Exports;
import org.realname.gateway.auditor.Filters;
import org.realname.gateway.auditor.Page;
import org.realname.gateway.auditor.PageRequest;
import org.realname.gateway.auditor.ResultRow;
import org.realname.gateway.auth.DevIssuerConfig;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The auditor console: server-rendered pages to browse and filter the trail and the results
 * (masked), page through them, download the exports and run the chain check. Reads go through
 * the same services as the API, so each is recorded the same way. Authentication is the API's
 * bearer token, which a browser presents through the console cookie ({@link ConsoleCookie}).
 */
@Path(ConsoleCookie.PATH)
@Tag(name = "audit")
public class AuditConsoleResource {

    /** A JWT: three base64url parts. Anything else is not stored in the cookie. */
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final long COOKIE_MAX_AGE_SECONDS = 8 * 3600;

    private final AuditorReads reads;
    private final AuditExports exports;
    private final AuditChainVerifier verifier;
    private final AuditTrail trail;
    private final AuditorConfig config;
    private final DevIssuerConfig devIssuer;
    private final SecurityIdentity caller;
    private final CurrentTenant tenant;

    public AuditConsoleResource(AuditorReads reads, AuditExports exports, AuditChainVerifier verifier, AuditTrail trail,
            AuditorConfig config, DevIssuerConfig devIssuer, SecurityIdentity caller,
            CurrentTenant tenant) {
        this.tenant = tenant;
        this.reads = reads;
        this.exports = exports;
        this.verifier = verifier;
        this.trail = trail;
        this.config = config;
        this.devIssuer = devIssuer;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Console: audit entries or results (view=results), filtered and paged, masked")
    public TemplateInstance browse(@QueryParam("view") String view, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("account") String account, @QueryParam("outcome") String outcome,
            @QueryParam("purpose") String purpose, @QueryParam("provider") String provider,
            @QueryParam("event_type") String eventType, @QueryParam("status") String status,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        boolean results = "results".equals(view);
        ConsoleQuery q = results ? new ConsoleQuery(from, to, account, outcome, purpose, provider, null, status, limit)
                : new ConsoleQuery(from, to, account, outcome, purpose, provider, eventType, null, limit);
        Filters filters = filters(q);
        PageRequest page = PageRequest.of(after, limit, config);
        String auditor = caller.getPrincipal().getName();
        String v = results ? "results" : "events";
        String next;
        ConsoleView model;
        if (results) {
            Page<ResultRow> p = reads.results(auditor, filters, page);
            next = p.next();
            model = new ConsoleView(auditor, true, q, java.util.List.of(), p.items(), null, null, null);
        } else {
            Page<EventRow> p = reads.events(auditor, filters, page);
            next = p.next();
            model = new ConsoleView(auditor, false, q, p.items(), java.util.List.of(), null, null, null);
        }
        String base = ConsoleCookie.PATH;
        model = new ConsoleView(model.auditor(), model.results(), q, model.events(), model.resultRows(),
                next == null ? null : base + "?" + q.queryString("view", v, "after", next),
                base + "/export?" + q.queryString("view", v, "format", "csv", "limit", null),
                base + "/export?" + q.queryString("view", v, "format", "jsonl", "limit", null));
        return AuditConsolePages.browse(model);
    }

    @GET
    @Path("/export")
    @RolesAllowed(Roles.AUDITOR)
    @Produces({ "text/csv", "application/x-ndjson" })
    @Operation(summary = "Console: download an export with the page's filters")
    public Response export(@QueryParam("view") String view, @QueryParam("format") String format,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("account") String account,
            @QueryParam("outcome") String outcome, @QueryParam("purpose") String purpose,
            @QueryParam("provider") String provider, @QueryParam("event_type") String eventType,
            @QueryParam("status") String status) {
        ExportFormat f = ExportFormat.parse(format);
        String auditor = caller.getPrincipal().getName();
        if ("results".equals(view)) {
            Filters filters = filters(new ConsoleQuery(from, to, account, outcome, purpose, provider, null, status, null));
            return Exports.response(exports.results(auditor, filters, f), f, "verification-results");
        }
        Filters filters = filters(new ConsoleQuery(from, to, account, outcome, purpose, provider, eventType, null, null));
        return Exports.response(exports.events(auditor, filters, f), f, "audit-events");
    }

    @POST
    @Path("/verify")
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Console: check the audit chain end to end (recorded)")
    public TemplateInstance verify() {
        AuditChainVerifier.Report report = verifier.verify();
        String auditor = caller.getPrincipal().getName();
        trail.record(AuditTrail.actorOf(auditor), Roles.AUDITOR, AuditEventType.AUDIT_VERIFIED, "audit_trail", null,
                report.intact() ? "intact" : "broken-at-" + report.firstBrokenSeq());
        return AuditConsolePages.verified(auditor, report);
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Console: the sign-in page (paste a bearer token)")
    public TemplateInstance signInPage() {
        requireTokenSignIn();
        return AuditConsolePages.signIn(devIssuer.enabled());
    }

    /**
     * Stores the token in the console cookie. The token is not checked here: every console
     * request checks it, as the API does, so a bad token only leads to a refusal there.
     */
    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Console: sign in with a bearer token (kept in an HttpOnly, SameSite=Strict cookie)")
    public Response signIn(@FormParam("token") String token, @jakarta.ws.rs.core.Context UriInfo uri,
            @jakarta.ws.rs.HeaderParam("Origin") String origin,
            @jakarta.ws.rs.HeaderParam("Sec-Fetch-Site") String fetchSite) {
        requireTokenSignIn();
        requireSameOrigin(uri, origin, fetchSite);
        String t = token == null ? "" : token.trim();
        if (t.startsWith("Bearer ")) {
            t = t.substring("Bearer ".length()).trim();
        }
        if (t.isEmpty() || t.length() > MAX_TOKEN_LENGTH || !JWT.matcher(t).matches()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "token must be a bearer token (a JWT)");
        }
        return Response.seeOther(URI.create(ConsoleCookie.PATH))
                .header("Set-Cookie", cookie(t, COOKIE_MAX_AGE_SECONDS, uri)).build();
    }

    @POST
    @Path("/sign-out")
    @PermitAll
    @Operation(summary = "Console: sign out (forgets the cookie)")
    public Response signOut(@jakarta.ws.rs.core.Context UriInfo uri,
            @jakarta.ws.rs.HeaderParam("Origin") String origin,
            @jakarta.ws.rs.HeaderParam("Sec-Fetch-Site") String fetchSite) {
        requireSameOrigin(uri, origin, fetchSite);
        return Response.seeOther(URI.create(ConsoleCookie.SIGN_IN)).header("Set-Cookie", cookie("", 0, uri)).build();
    }

    private static String cookie(String value, long maxAge, UriInfo uri) {
        boolean https = "https".equalsIgnoreCase(uri.getBaseUri().getScheme());
        return ConsoleCookie.NAME + "=" + value + "; Path=" + ConsoleCookie.PATH + "; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /**
     * Login CSRF: another site must not sign a browser in with its own token (the victim would
     * then act in the attacker's console) or out. Browsers send {@code Origin} and
     * {@code Sec-Fetch-Site} with a form POST; a request without either (a script, a test
     * client) has no ambient credentials to abuse.
     */
    static void requireSameOrigin(UriInfo uri, String origin, String fetchSite) {
        boolean crossSite;
        if (fetchSite != null) {
            // Sent by current browsers: decisive. (The console's pages say no-referrer, so their
            // own form posts carry "Origin: null"; the fetch metadata still says same-origin.)
            crossSite = !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        } else if (origin != null) {
            // Host only: behind a TLS-terminating proxy the scheme and port seen here differ.
            String host;
            try {
                host = URI.create(origin).getHost();
            } catch (IllegalArgumentException e) {
                host = null;
            }
            crossSite = host == null || !host.equalsIgnoreCase(uri.getBaseUri().getHost());
        } else {
            crossSite = false;
        }
        if (crossSite) {
            throw new GatewayException(ErrorCode.CROSS_SITE_REQUEST, "Sign in from the console's own page");
        }
    }

    private void requireTokenSignIn() {
        if (!config.consoleTokenSignIn()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "The console signs in through the identity provider");
        }
    }

    private Filters filters(ConsoleQuery q) {
        return Filters.parse(q.from(), q.to(), q.account(), q.outcome(), q.purpose(), q.provider(), q.eventType(),
                q.status()).withTenant(tenant.auditScope().orElse(null));
    }
}
