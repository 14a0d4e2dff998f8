package org.realname.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

/**
 * What every step shares: the environment is started in {@link #before()} (Gatling builds the
 * scenarios first, so they read the gateway's address and token through this object), the
 * counters are written and everything is stopped in {@link #after()}.
 */
abstract class GatewaySimulation extends Simulation {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    final LoadSettings settings = LoadSettings.fromSystemProperties();
    /** Chosen now: the scenarios are built before the gateway starts and need its address. */
    private final int gatewayPort = freePort();
    volatile GatewayEnvironment env;
    volatile RunCounters counters;
    private volatile String platformToken;

    @Override
    public void before() {
        try {
            env = GatewayEnvironment.start(settings, gatewayPort);
            counters = new RunCounters(env, settings);
            counters.describe("postgres", env.postgresDescription());
            platformToken = devToken(env.gateway.baseUrl());
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("The load environment did not start", e);
        }
        // If Gatling dies, the gateway and PostgreSQL processes must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly));
    }

    @Override
    public void after() {
        try {
            counters.write(settings.out());
        } catch (Exception e) {
            throw new IllegalStateException("Could not write the counters", e);
        } finally {
            stopQuietly();
        }
    }

    /** The gateway's origin (it listens there once {@link #before()} has run). */
    String gatewayBase() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    private static int freePort() {
        try {
            return GatewayProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String token() {
        return platformToken;
    }

    /** A one-user scenario that runs {@code action} between two phases (no request in flight). */
    static PopulationBuilder marker(String name, Runnable action) {
        return scenario(name).exec(session -> {
            action.run();
            return session;
        }).injectOpen(atOnceUsers(1));
    }

    private static String devToken(String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"platform\",\"subject\":\"load-platform\"}"))
                .build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ACCESS_TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("The development issuer gave no token");
        }
        return m.group(1);
    }

    private synchronized void stopQuietly() {
        GatewayEnvironment e = env;
        env = null;
        if (e != null) {
            try {
                e.close();
            } catch (Exception ignored) {
                // Best effort at shutdown.
            }
        }
    }
}
