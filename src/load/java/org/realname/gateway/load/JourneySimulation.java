package org.realname.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.nio.file.Path;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * (a) and (c): complete browser journeys, closed model: {@code load.users} journeys in flight at
 * any time, each a new browser. A warm-up (group {@code warm-up}), then the measured journeys
 * (group {@code journey}) between two markers that read the server-side counters; the summary
 * counts only the {@code journey} group.
 */
public class JourneySimulation extends GatewaySimulation {

    static final String MEASURED = "journey";

    {
        ChainBuilder journey = Journey.complete(this::token, gatewayBase());
        HttpProtocolBuilder browser = http.userAgentHeader(Journey.PHONE)
                .acceptHeader("text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8")
                .acceptLanguageHeader("zh-CN,zh;q=0.9,en;q=0.8")
                .disableFollowRedirect();
        int users = settings.users();

        PopulationBuilder warmUp = scenario("warm-up")
                .group("warm-up").on(exitBlockOnFail().on(journey))
                .injectClosed(constantConcurrentUsers(users).during(settings.warmup()));
        PopulationBuilder measured = scenario(MEASURED)
                .group(MEASURED).on(exitBlockOnFail().on(journey))
                .injectClosed(constantConcurrentUsers(users).during(settings.duration()));

        setUp(warmUp.andThen(
                marker("start", this::startMeasurement).andThen(
                        measured.andThen(
                                marker("end", this::endMeasurement)))))
                .protocols(browser);
    }

    private void startMeasurement() {
        if (settings.jfr()) {
            JfrControl.start(env.gateway.pid());
        }
        counters.start();
    }

    private void endMeasurement() {
        counters.end(MEASURED);
        if (settings.jfr()) {
            Path file = settings.out().resolve("gateway.jfr");
            JfrControl.stop(env.gateway.pid(), file);
            counters.describe("jfr", file.getFileName().toString());
        }
    }
}
