package org.realname.gateway.load;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The server-side counters of one step, around each measured phase: wall time, commits of the
 * gateway's database and CPU time of the gateway process. Written to {@code counters.properties}
 * in the step's folder for {@link LoadSummary}, which divides them by the counts from Gatling's
 * report.
 */
final class RunCounters {

    static final String FILE = "counters.properties";

    private final GatewayEnvironment env;
    private final Properties values = new Properties();
    private long startMillis;
    private long startCommits;
    private Duration startCpu;

    RunCounters(GatewayEnvironment env, LoadSettings settings) {
        this.env = env;
        values.setProperty("users", Integer.toString(settings.users()));
        values.setProperty("sandbox", settings.separateSandbox() ? "separate" : "same");
        values.setProperty("warmup.s", Long.toString(settings.warmup().toSeconds()));
        values.setProperty("duration.s", Long.toString(settings.duration().toSeconds()));
    }

    void describe(String key, String value) {
        values.setProperty(key, value);
    }

    /** Called between phases, when no request is in flight. */
    synchronized void start() {
        try {
            startCommits = env.gatewayCommits();
            startCpu = env.gateway.cpuTime();
            startMillis = System.currentTimeMillis();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the counters", e);
        }
    }

    /** Ends the phase started last and keeps its deltas under {@code phase.<name>.*}. */
    synchronized void end(String phase) {
        try {
            long endMillis = System.currentTimeMillis();
            Duration cpu = env.gateway.cpuTime().minus(startCpu);
            long commits = env.gatewayCommits() - startCommits;
            String p = "phase." + phase + ".";
            values.setProperty(p + "wall.ms", Long.toString(endMillis - startMillis));
            values.setProperty(p + "cpu.ms", Long.toString(cpu.toMillis()));
            values.setProperty(p + "commits", Long.toString(commits));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the counters", e);
        }
    }

    synchronized void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Writer w = Files.newBufferedWriter(folder.resolve(FILE))) {
            values.store(w, "Server-side counters of one load step (src/load/java/.../RunCounters)");
        }
    }
}
