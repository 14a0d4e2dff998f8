package org.realname.gateway.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The provider link's circuit breakers as gauges ({@code gateway_provider_circuit_breaker_state},
 * label {@code breaker}): 0 closed, 1 open (calls fail at once), 2 half-open (trying again).
 */
@ApplicationScoped
class BreakerGauges {

    private final CircuitBreakerMaintenance breakers;
    private final MeterRegistry registry;

    BreakerGauges(CircuitBreakerMaintenance breakers, MeterRegistry registry) {
        this.breakers = breakers;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        for (String name : new String[] {GuardedProvider.START_BREAKER, GuardedProvider.QUERY_BREAKER}) {
            Gauge.builder("gateway.provider.circuit.breaker.state", () -> code(breakers.currentState(name)))
                    .description("Provider circuit breaker: 0 closed, 1 open, 2 half-open").tag("breaker", name)
                    .register(registry);
        }
    }

    static int code(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
