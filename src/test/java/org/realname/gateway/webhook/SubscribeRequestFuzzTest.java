package org.realname.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.web.EndpointJson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@code POST /api/v1/webhooks}: any body binds and then passes or fails the service's checks
 * (event types, then the SSRF guard on the URL) with a typed refusal, or is refused by the JSON
 * reader. An accepted URL is stored in a normal form that checks again to itself, and a delivery
 * to it connects only to a public address. DNS is a fixed table: host names under
 * {@code .internal} resolve to a private address, other names to a public one.
 */
class SubscribeRequestFuzzTest {

    private static final Set<String> MEMBERS = Set.of("url", "events");
    private static final InetAddress PUBLIC = address(93, 184, 216, 34);
    private static final InetAddress PRIVATE = address(10, 0, 0, 7);
    /** Literals {@link InetAddress#getByName} reads without asking DNS: dotted quads and IPv6. */
    private static final Pattern LITERAL =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|.*:.*");
    /** Other all-numeric names: the JDK may read some as legacy literals; the table answers none. */
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private static final HostResolver TABLE = host -> {
        if (LITERAL.matcher(host).matches()) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        if (host.isEmpty() || host.length() > 253 || NUMERIC.matcher(host).matches()) {
            throw new UnknownHostException("not in the table");
        }
        return new InetAddress[] {host.endsWith(".internal") || host.equals("internal") ? PRIVATE : PUBLIC};
    };

    private final EndpointJson json = new EndpointJson();
    private final WebhookUrlPolicy urls = new WebhookUrlPolicy(new UrlRules(true, false, 2048), TABLE);

    @FuzzTest
    void bodyBindsAndValidatesOrIsRefused(byte[] body) {
        Optional<SubscribeRequest> bound = json.bindOrRefuse(body, SubscribeRequest.class, MEMBERS);
        if (bound.isEmpty()) {
            return;
        }
        SubscribeRequest r = bound.get();
        String events;
        try {
            events = EventTypes.validate(r.events());
        } catch (GatewayException e) {
            // The URL is not looked at yet; the detail may name the known event types, which a
            // URL may happen to spell ("account.erased").
            if (!Set.of(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_EVENT_TYPE).contains(e.code())) {
                fail("unexpected refusal code " + e.code());
            }
            return;
        }
        URI url;
        try {
            url = urls.check(r.url());
        } catch (GatewayException e) {
            if (!Set.of(ErrorCode.WEBHOOK_URL_INVALID, ErrorCode.WEBHOOK_URL_INSECURE,
                    ErrorCode.WEBHOOK_URL_PRIVATE_ADDRESS).contains(e.code())) {
                fail("unexpected refusal code " + e.code());
            }
            if (r.url() != null && r.url().length() >= 8 && e.detail().contains(r.url())) {
                fail("a refusal quotes the URL");
            }
            return;
        }
        assertEquals(events, EventTypes.validate(EventTypes.parse(events)), "stored event types read back the same");
        assertEquals(url, urls.check(url.toString()), "an accepted URL is stored in a form that checks to itself");
        assertEquals(url.getHost(), URI.create(url.toString()).getHost(), "the stored form keeps the checked host");
        InetAddress to = urls.deliveryAddress(url);
        assertTrue(PublicAddresses.isPublic(to), "a delivery connects to a public address only");
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
