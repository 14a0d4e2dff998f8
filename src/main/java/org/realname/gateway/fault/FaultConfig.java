package org.realname.gateway.fault;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Test-only crash injection ({@link FaultPoints}); the production profile refuses to start with it set. */
@ConfigMapping(prefix = "gateway.fault")
public interface FaultConfig {

    /**
     * {@code <point>} or {@code <point>:<n>}: halt the process the {@code n}-th time (default the
     * first) the named {@link FaultPoint} is reached. Absent by default, and then nothing halts.
     */
    Optional<String> haltAt();
}
