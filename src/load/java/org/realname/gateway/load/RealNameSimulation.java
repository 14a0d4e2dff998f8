package org.realname.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * (b): the platform's real-name check ({@code GET /api/v1/accounts/{id}/real-name}) and, in the
 * same run on the same server, a bare endpoint ({@code GET /q/health/live}), each with
 * {@code load.users} clients that send one request after another over kept-alive connections, as
 * a platform backend does. Accounts are verified first by complete journeys (group {@code seed},
 * not counted). Phases: seed, warm-up of both, then {@code real-name}, then {@code health},
 * each measured between markers.
 */
public class RealNameSimulation extends GatewaySimulation {

    static final int SEED_USERS = 4;
    static final int SEED_JOURNEYS_PER_USER = 10;

    private final List<String> verified = new CopyOnWriteArrayList<>();

    {
        String base = gatewayBase();
        ChainBuilder seedJourney = Journey.complete(this::token, base)
                .exec(session -> {
                    verified.add(session.getString("account"));
                    return session;
                });
        ChainBuilder realName = exec(session -> session.set("checked",
                verified.get(ThreadLocalRandom.current().nextInt(verified.size()))))
                .exec(http("real-name").get(base + "/api/v1/accounts/#{checked}/real-name")
                        .header("Authorization", s -> "Bearer " + token())
                        .check(status().is(200), jsonPath("$.verified").is("true")));
        ChainBuilder health = exec(http("health-live").get(base + "/q/health/live").check(status().is(200)));

        HttpProtocolBuilder client = http.disableFollowRedirect().userAgentHeader(Journey.PHONE);
        Duration warm = settings.warmup();
        Duration measured = settings.duration();
        int users = settings.users();

        PopulationBuilder seed = scenario("seed")
                .group("seed").on(exitBlockOnFail().on(repeatJourney(seedJourney)))
                .injectOpen(atOnceUsers(SEED_USERS));
        PopulationBuilder warmUp = scenario("warm-up")
                .group("warm-up").on(exitBlockOnFail().on(realName).exec(health))
                .injectClosed(constantConcurrentUsers(users).during(warm));
        PopulationBuilder realNamePhase = scenario("real-name")
                .group("real-name").on(io.gatling.javaapi.core.CoreDsl.during(measured).on(realName))
                .injectOpen(atOnceUsers(users));
        PopulationBuilder healthPhase = scenario("health")
                .group("health").on(io.gatling.javaapi.core.CoreDsl.during(measured).on(health))
                .injectOpen(atOnceUsers(users));

        setUp(seed.andThen(warmUp.andThen(
                marker("start-real-name", this::startRealName).andThen(realNamePhase.andThen(
                        marker("end-real-name", this::endRealName).andThen(
                                marker("start-health", () -> counters.start()).andThen(healthPhase.andThen(
                                        marker("end-health", () -> counters.end("health"))))))))))
                .protocols(client.shareConnections());
    }

    private void startRealName() {
        if (settings.jfr()) {
            JfrControl.start(env.gateway.pid());
        }
        counters.start();
    }

    private void endRealName() {
        counters.end("real-name");
        if (settings.jfr()) {
            Path file = settings.out().resolve("gateway.jfr");
            JfrControl.stop(env.gateway.pid(), file);
            counters.describe("jfr", file.getFileName().toString());
        }
    }

    private static ChainBuilder repeatJourney(ChainBuilder journey) {
        return io.gatling.javaapi.core.CoreDsl.repeat(SEED_JOURNEYS_PER_USER).on(journey);
    }
}
