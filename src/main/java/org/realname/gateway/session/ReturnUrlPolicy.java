package org.realname.gateway.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * Accepts a platform {@code return_url} only on a configured origin: the gateway redirects
 * browsers there, so an open list would make it an open redirector.
 */
@ApplicationScoped
public class ReturnUrlPolicy {

    static final int MAX_LENGTH = 2048;

    private final Set<String> allowedOrigins;

    public ReturnUrlPolicy(SessionConfig config) {
        this.allowedOrigins = config.allowedReturnOrigins().stream()
                .map(o -> origin(parse(o.strip())))
                .collect(Collectors.toUnmodifiableSet());
    }

    public URI check(String raw) {
        if (raw == null || raw.isBlank()) {
            throw rejected("return_url is required");
        }
        if (raw.length() > MAX_LENGTH) {
            throw rejected("return_url may have at most " + MAX_LENGTH + " characters");
        }
        URI uri = parse(raw);
        if (uri.getRawUserInfo() != null) {
            throw rejected("return_url must not contain user information");
        }
        if (!allowedOrigins.contains(origin(uri))) {
            throw rejected("return_url must be on one of the configured origins");
        }
        return uri;
    }

    private static URI parse(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw rejected("return_url must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException | NumberFormatException e) {
            // NumberFormatException: the JDK's parser on an over-long IPv4 part of an IPv6
            // literal ("[::ffff:254.7777777777.0.1]"), found by fuzzing.
            throw rejected("return_url is not a valid URL");
        }
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static GatewayException rejected(String detail) {
        return new GatewayException(ErrorCode.RETURN_URL_NOT_ALLOWED, detail);
    }
}
