package org.realname.gateway.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One step's settings, given by the Maven executions in {@code src/load/pom.xml} as system
 * properties of the Gatling JVM.
 *
 * @param jar        the packaged gateway ({@code target/quarkus-app/quarkus-run.jar})
 * @param root       the repository root (for {@code config/face-rules.json})
 * @param out        this step's folder: Gatling's report, the counters, logs, the JFR file
 * @param users      concurrent users (closed model)
 * @param warmup     warm-up before the measurement, not counted
 * @param duration   the measured time
 * @param separateSandbox whether a second gateway process serves the sandbox provider
 * @param jfr        whether to record a JFR of the gateway during the measurement
 */
record LoadSettings(Path jar, Path root, Path out, int users, Duration warmup, Duration duration,
        boolean separateSandbox, boolean jfr) {

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                Path.of(required("load.jar")).toAbsolutePath().normalize(),
                Path.of(required("load.root")).toAbsolutePath().normalize(),
                Path.of(required("load.out")).toAbsolutePath().normalize(),
                Integer.parseInt(required("load.users")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("load.warmup", "20"))),
                Duration.ofSeconds(Long.parseLong(System.getProperty("load.duration", "45"))),
                "separate".equals(System.getProperty("load.sandbox", "same")),
                Boolean.parseBoolean(System.getProperty("load.jfr", "false")));
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is missing (run through src/load/pom.xml)");
        }
        return value;
    }
}
