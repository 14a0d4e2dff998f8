package org.realname.gateway.keys.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import org.realname.gateway.keys.KeyPurpose;
import org.realname.gateway.keys.KeyStoreFile;

/**
 * The operator's command line for the key ring: the key ceremony, offline, and a thin client of
 * the admin API for the rest.
 *
 * <pre>
 * # key ceremony (offline; the application jar and its libraries on the class path):
 * export GATEWAY_KEYS_STORE_FILE=/etc/realname-gateway/gateway-keys.bcfks
 * export GATEWAY_KEYS_STORE_PASSWORD=...
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*' org.realname.gateway.keys.cli.KeysCli init
 *
 * # admin API (needs only the JDK and the application jar):
 * export GATEWAY_ADMIN_TOKEN=...            # an OIDC access token with role admin
 * export GATEWAY_URL=https://gateway.example # default http://localhost:8080
 * java -cp target/quarkus-app/app/realname-gateway-0.1.0-SNAPSHOT.jar org.realname.gateway.keys.cli.KeysCli status
 * ... KeysCli rotate KEK | rotate SIGNING | shred ACCOUNT_ID
 * </pre>
 * Prints a JSON answer; exits 0 on success (a 2xx answer), 1 on any other, 2 on wrong usage.
 * Secrets (the token, the store password) are read from the environment only, never from the
 * command line (which other users can see).
 */
public final class KeysCli {

    static final String USAGE = "usage: KeysCli init   (env GATEWAY_KEYS_STORE_FILE, GATEWAY_KEYS_STORE_PASSWORD)\n"
            + "       KeysCli status | rotate KEK|SIGNING | shred ACCOUNT_ID   (env GATEWAY_ADMIN_TOKEN, GATEWAY_URL)";

    private KeysCli() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command's work; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.length == 1 && args[0].equals("init")) {
            return init(env, out, err);
        }
        return adminCall(args, env, out, err);
    }

    /**
     * Writes a new key store with the first KEK, the blind-index key and the first signing key
     * and its certificate, through {@link KeyStoreFile}'s own code, so the layout is the one the
     * gateway reads. Never overwrites a file.
     */
    private static int init(Map<String, String> env, PrintStream out, PrintStream err) {
        String file = env.get("GATEWAY_KEYS_STORE_FILE");
        String password = env.get("GATEWAY_KEYS_STORE_PASSWORD");
        if (file == null || file.isBlank() || password == null || password.isBlank()) {
            err.println("GATEWAY_KEYS_STORE_FILE and GATEWAY_KEYS_STORE_PASSWORD must both be set\n" + USAGE);
            return 2;
        }
        KeyStoreFile store;
        try {
            store = KeyStoreFile.createNew(Path.of(file), password);
        } catch (IllegalStateException e) {
            // The message names the file and what is wrong, never the password.
            err.println(e.getMessage());
            return 1;
        }
        TreeSet<String> ids = new TreeSet<>();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            ids.addAll(store.keyIds(purpose));
        }
        out.println("{\"store_file\":\"" + json(store.path().toAbsolutePath().toString()) + "\",\"key_ids\":[\""
                + String.join("\",\"", ids) + "\"]}");
        return 0;
    }

    private static int adminCall(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        String token = env.get("GATEWAY_ADMIN_TOKEN");
        String base = env.getOrDefault("GATEWAY_URL", "http://localhost:8080").replaceAll("/+$", "");
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
            err.println(USAGE);
            return 2;
        }
        if (token == null || token.isBlank()) {
            err.println("GATEWAY_ADMIN_TOKEN is not set");
            return 2;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    request.header("Authorization", "Bearer " + token).header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("cannot reach " + base + ": " + e.getClass().getSimpleName());
            return 1;
        }
        out.println(response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
