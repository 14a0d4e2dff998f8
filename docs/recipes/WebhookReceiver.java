import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.realname.gateway.webhook.api.InMemorySeenEvents;
import org.realname.gateway.webhook.api.RejectionReason;
import org.realname.gateway.webhook.api.SeenEvents;
import org.realname.gateway.webhook.api.VerifiedEvent;
import org.realname.gateway.webhook.api.WebhookHeaders;
import org.realname.gateway.webhook.api.WebhookVerificationException;
import org.realname.gateway.webhook.api.WebhookVerifier;

/**
 * A platform's webhook endpoint: verifies each delivery before anything else and answers 2xx
 * quickly. Class path: the gateway's org.realname.gateway.webhook.api package (copied, or the
 * gateway's jar) and bcprov-jdk18on 1.84. Run: REALNAME_WEBHOOK_SECRET=whsec_... java -cp api-classes:bcprov-jdk18on-1.84.jar WebhookReceiver.java 9000
 */
public class WebhookReceiver {

    public static void main(String[] args) throws IOException {
        SeenEvents seen = new InMemorySeenEvents(100_000);   // or your own, backed by a unique key in your database
        WebhookVerifier verifier = WebhookVerifier.builder(System.getenv("REALNAME_WEBHOOK_SECRET"), seen)
                // .addSecret(previousSecret)                // while you roll out a rotated secret
                // .gatewayPublicKey(gatewayCert.getPublicKey(), true)
                // .tolerance(Duration.ofMinutes(5))         // the default
                .build();

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/hooks/realname", exchange -> {
            byte[] rawBody;
            try (InputStream in = exchange.getRequestBody()) {
                rawBody = in.readAllBytes();                  // the exact bytes: never re-serialise before verifying
            }
            try {
                VerifiedEvent event = verifier.verify(
                        exchange.getRequestHeaders().getFirst(WebhookHeaders.SIGNATURE),
                        exchange.getRequestHeaders().getFirst(WebhookHeaders.EVENT_ID),
                        rawBody);
                handleLater(event.eventId(), rawBody);
                answer(exchange, 200);
            } catch (WebhookVerificationException e) {
                if (e.reason() == RejectionReason.REPLAYED_EVENT) {
                    answer(exchange, 200);                    // already handled
                    return;
                }
                System.out.println("refused " + e.reason()); // never log the body or the secret
                answer(exchange, 400);
            }
        });
        server.start();
        System.out.println("listening");
    }

    static void handleLater(String eventId, byte[] rawBody) {
        System.out.println("verified " + eventId);           // queue it; do the work asynchronously
    }

    static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
