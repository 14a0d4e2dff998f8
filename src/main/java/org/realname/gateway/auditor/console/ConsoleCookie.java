package org.realname.gateway.auditor.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.realname.gateway.auditor.AuditorConfig;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a browser use the console with a bearer token. The console's sign-in stores the token in
 * an {@code HttpOnly; SameSite=Strict} cookie scoped to {@value #PATH}; for requests under that
 * path only, this handler presents the cookie to quarkus-oidc as the {@code Authorization}
 * header, so the token is verified exactly as an API call's (signature, issuer, expiry, roles).
 * A request that already has an {@code Authorization} header is left as it is. A console page
 * asked for without either is sent to the sign-in page.
 *
 * <p>It runs before authentication, which is lazy here ({@code quarkus.http.auth.proactive=false}),
 * so the header is in place when the identity is first needed.
 */
@ApplicationScoped
public class ConsoleCookie {

    public static final String NAME = "rngw_console";
    public static final String PATH = "/audit/console";
    static final String SIGN_IN = PATH + "/sign-in";

    private final AuditorConfig config;

    public ConsoleCookie(AuditorConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        if (!config.consoleTokenSignIn()) {
            // The code flow (a web-app OIDC tenant for these paths) signs the browser in instead.
            return;
        }
        router.route(PATH + "*").order(Integer.MIN_VALUE + 100).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            rc.next();
            return;
        }
        if (rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            Cookie cookie = rc.request().getCookie(NAME);
            if (cookie != null && !cookie.getValue().isBlank()) {
                rc.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + cookie.getValue());
            } else if (!path.startsWith(SIGN_IN) && "GET".equals(rc.request().method().name())) {
                rc.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, SIGN_IN)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
                return;
            }
        }
        rc.next();
    }
}
