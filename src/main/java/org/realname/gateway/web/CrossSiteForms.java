package org.realname.gateway.web;

import java.net.URI;
import java.util.Locale;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * Refuses a state-changing form POST that another site made a browser send (CSRF). The binding
 * cookie is {@code SameSite=Lax}, so current browsers do not send it cross-site anyway; this is
 * the second lock for browsers that do, and for a sibling subdomain that counts as same-site.
 *
 * <p>{@code Sec-Fetch-Site}, sent by current browsers, is decisive: only {@code same-origin}
 * (and {@code none}, a user's own navigation) passes. Without it, an {@code Origin} naming
 * another host is refused. {@code Origin: null} passes: the gateway's own pages set
 * {@code Referrer-Policy: no-referrer}, under which browsers send exactly that with their form
 * posts, and a cross-site request carrying it has no binding cookie to act with. A request with
 * neither header (a script, a test client) has no ambient credentials to abuse.
 */
final class CrossSiteForms {

    private CrossSiteForms() {
    }

    static void requireSameOrigin(URI base, String origin, String fetchSite) {
        if (isCrossSite(base, origin, fetchSite)) {
            throw new GatewayException(ErrorCode.CROSS_SITE_REQUEST,
                    "This form was not sent from this site's own page; open the link you received again");
        }
    }

    static boolean isCrossSite(URI base, String origin, String fetchSite) {
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            return !site.equals("same-origin") && !site.equals("none");
        }
        if (origin == null || origin.trim().equals("null")) {
            return false;
        }
        String host;
        try {
            host = URI.create(origin.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return true;
        }
        // Host only: behind a TLS-terminating proxy the scheme and port seen here differ.
        return host == null || base.getHost() == null || !host.equalsIgnoreCase(base.getHost());
    }
}
