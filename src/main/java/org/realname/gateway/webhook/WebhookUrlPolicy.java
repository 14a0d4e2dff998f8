package org.realname.gateway.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * The rules for a webhook endpoint URL (the SSRF guard): an absolute http(s) URL (https only
 * when {@link UrlRules#httpsOnly()}), no user info (credentials), no fragment, at most
 * {@link UrlRules#maxLength()} characters; unless private addresses are allowed, the host is
 * resolved and every address must be public ({@link PublicAddresses}).
 *
 * <p>Checked when the subscription is made. DNS can change afterwards (rebinding), so the
 * delivery worker resolves again before every attempt ({@link #deliveryAddress}) and connects to
 * exactly the address it checked. Details name the broken rule, never the URL.
 */
public final class WebhookUrlPolicy {

    private final UrlRules rules;
    private final HostResolver resolver;

    public WebhookUrlPolicy(UrlRules rules, HostResolver resolver) {
        this.rules = rules;
        this.resolver = resolver;
    }

    /** @return the URL, normalised (scheme and host in lower case) */
    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url is required");
        }
        if (url.length() > rules.maxLength()) {
            throw invalid("url is longer than " + rules.maxLength() + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NumberFormatException e) {
            // The JDK's parser throws NumberFormatException for an IPv4 part of an IPv6 literal
            // with an over-long number ("[::ffff:254.7777777777.0.1]"), found by fuzzing.
            throw invalid("url is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw invalid("url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw invalid("url must not contain credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("url must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url must not contain a fragment");
        }
        if (rules.httpsOnly() && !scheme.equals("https")) {
            throw new GatewayException(ErrorCode.WEBHOOK_URL_INSECURE, "url must use https");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!rules.allowPrivateAddresses()) {
            requirePublic(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        try {
            return URI.create(rebuild(scheme, uri, host));
        } catch (IllegalArgumentException e) {
            throw invalid("url is not a valid URI");
        }
    }

    /**
     * Where a delivery to the stored {@code url} connects: its host resolved now and, unless
     * private addresses are allowed, refused if any address is not public. The caller connects to
     * the returned address itself (not to the name again), so a DNS answer that changes between
     * this check and the connection cannot redirect the delivery.
     *
     * @throws GatewayException {@code WEBHOOK_URL_PRIVATE_ADDRESS} or {@code WEBHOOK_URL_INVALID}
     */
    public InetAddress deliveryAddress(URI url) {
        String host = url.getHost();
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!rules.allowPrivateAddresses()) {
            return requirePublic(host);
        }
        try {
            return resolver.resolve(host)[0];
        } catch (UnknownHostException | SecurityException | ArrayIndexOutOfBoundsException e) {
            throw invalid("url host does not resolve");
        }
    }

    private static String rebuild(String scheme, URI uri, String host) {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + hostPart + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    }

    private InetAddress requirePublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            throw invalid("url host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw invalid("url host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address)) {
                throw new GatewayException(ErrorCode.WEBHOOK_URL_PRIVATE_ADDRESS,
                        "url host is or resolves to a private, loopback, link-local, multicast or reserved address");
            }
        }
        return addresses[0];
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(ErrorCode.WEBHOOK_URL_INVALID, detail);
    }
}
