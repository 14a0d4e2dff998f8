package org.realname.gateway.keys.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The operator's command line for the key ring: a thin client of the admin API.
 *
 * <pre>
 * export GATEWAY_ADMIN_TOKEN=...            # an OIDC access token with role admin
 * export GATEWAY_URL=https://gateway.example # default http://localhost:8080
 * java -cp target/quarkus-app/app/realname-gateway-0.1.0-SNAPSHOT.jar org.realname.gateway.keys.cli.KeysCli status
 * ... KeysCli rotate KEK | rotate SIGNING | shred ACCOUNT_ID
 * </pre>
 * Prints the JSON answer; exits 0 on a 2xx answer, 1 on any other, 2 on wrong usage. The token
 * is read from the environment only, never from the command line (which other users can see).
 */
public final class KeysCli {

    private KeysCli() {
    }

    public static void main(String[] args) throws InterruptedException {
        String token = System.getenv("GATEWAY_ADMIN_TOKEN");
        String base = System.getenv().getOrDefault("GATEWAY_URL", "http://localhost:8080").replaceAll("/+$", "");
        HttpRequest.Builder request;
        if (args.length == 1 && args[0].equals("status")) {
            request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/keys")).GET();
        } else if (args.length == 2 && args[0].equals("rotate") && args[1].matches("KEK|SIGNING")) {
            request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/keys/rotate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"" + args[1] + "\"}"));
        } else if (args.length == 2 && args[0].equals("shred") && args[1].matches("[A-Za-z0-9._:@-]{1,64}")) {
            request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/accounts/" + args[1] + "/shred"))
                    .POST(HttpRequest.BodyPublishers.noBody());
        } else {
            System.err.println("usage: KeysCli status | rotate KEK|SIGNING | shred ACCOUNT_ID   (env GATEWAY_ADMIN_TOKEN, GATEWAY_URL)");
            System.exit(2);
            return;
        }
        if (token == null || token.isBlank()) {
            System.err.println("GATEWAY_ADMIN_TOKEN is not set");
            System.exit(2);
            return;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    request.header("Authorization", "Bearer " + token).header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("cannot reach " + base + ": " + e.getClass().getSimpleName());
            System.exit(1);
            return;
        }
        System.out.println(response.body());
        System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
    }
}
