package org.realname.gateway.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns the steps' Gatling statistics and server-side counters into {@code summary.md} (the
 * tables for docs/benchmarks.md) and {@code summary.json} in the results folder. Run by the
 * {@code summary} execution of src/load/pom.xml after the Gatling executions.
 *
 * <p>Definitions: flows/s = completed journeys (group {@code journey} OK: every step answered as
 * expected and the return sent the browser on with {@code status=PASSED}) / wall time between the
 * markers; commits per flow = delta of {@code pg_stat_database.xact_commit} of the gateway's
 * database / completed journeys; CPU per flow = delta of the gateway process's user + system CPU
 * time / completed journeys (background jobs included in both).
 */
public final class LoadSummary {

    static final List<String> JOURNEY_STEPS = List.of("journeys-c4", "journeys-c16", "journeys-c32",
            "split-c4", "split-c16", "split-c32");
    static final String REAL_NAME_STEP = "realname-c16";

    private final Path results;
    private final StringBuilder md = new StringBuilder();
    private final Map<String, Object> json = new LinkedHashMap<>();

    private LoadSummary(Path results) {
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        LoadSummary s = new LoadSummary(Path.of(args.length > 0 ? args[0] : "target/gatling"));
        s.write();
    }

    private void write() throws Exception {
        md.append("# Load summary\n\n").append(Machine.describe()).append('\n');
        json.put("machine", Machine.describe());
        json.put("written", Instant.now().toString());
        journeys();
        realName();
        jfr();
        Files.writeString(results.resolve("summary.md"), md.toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.resolve("summary.json").toFile(), json);
        System.out.println(md);
    }

    private void journeys() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        md.append("## Complete journeys (closed model)\n\n")
                .append("`journeys-cN`: the sandbox provider in the gateway's own process; `split-cN`: the sandbox in a second ")
                .append("gateway process (CPU and commits below are the gateway's alone).\n\n")
                .append("| step | users | flows | flows/s | errors | commits/flow | CPU ms/flow | flow p50 / p95 / p99 ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        StringBuilder perStep = new StringBuilder();
        for (String step : JOURNEY_STEPS) {
            Optional<GatlingStats> stats = GatlingStats.latestIn(results.resolve(step));
            Properties counters = counters(step);
            if (stats.isEmpty() || counters == null) {
                continue;
            }
            GatlingStats.Entry flow = stats.get().get(JourneySimulation.MEASURED)
                    .orElse(new GatlingStats.Entry(JourneySimulation.MEASURED, 0, 0, 0, 0, 0));
            Phase phase = Phase.of(counters, JourneySimulation.MEASURED);
            long flows = flow.ok();
            long failedRequests = stats.get().requestsIn(JourneySimulation.MEASURED).stream()
                    .mapToLong(GatlingStats.Entry::ko).sum();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            row.put("users", Integer.parseInt(counters.getProperty("users")));
            row.put("sandbox", counters.getProperty("sandbox"));
            row.put("flows", flows);
            row.put("failed_journeys", flow.ko());
            row.put("failed_requests", failedRequests);
            row.put("wall_s", phase.wallMs() / 1000.0);
            row.put("flows_per_s", perSecond(flows, phase.wallMs()));
            row.put("commits_per_flow", per(phase.commits(), flows));
            row.put("cpu_ms_per_flow", per(phase.cpuMs(), flows));
            row.put("flow_ms_p50_p95_p99", List.of(flow.p50(), flow.p95(), flow.p99()));
            Map<String, Object> requests = new LinkedHashMap<>();
            perStep.append("\n### ").append(step).append(": per request, ms (p50 / p95 / p99)\n\n")
                    .append("| request | OK | KO | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|---:|\n");
            for (GatlingStats.Entry r : stats.get().requestsIn(JourneySimulation.MEASURED)) {
                String name = r.path().substring(JourneySimulation.MEASURED.length() + 3);
                requests.put(name, Map.of("ok", r.ok(), "ko", r.ko(), "p50", r.p50(), "p95", r.p95(), "p99", r.p99()));
                perStep.append(String.format("| %s | %d | %d | %d | %d | %d |%n", name, r.ok(), r.ko(), r.p50(), r.p95(), r.p99()));
            }
            row.put("requests", requests);
            row.put("postgres", counters.getProperty("postgres"));
            rows.add(row);
            md.append(String.format("| %s | %s | %d | %.1f | %d | %.1f | %.0f | %d / %d / %d |%n", step, row.get("users"),
                    flows, (double) row.get("flows_per_s"), flow.ko() + failedRequests,
                    (double) row.get("commits_per_flow"), (double) row.get("cpu_ms_per_flow"),
                    flow.p50(), flow.p95(), flow.p99()));
        }
        md.append("\nerrors = failed journeys + failed requests (a failed request also fails its journey, so one error may count twice). ")
                .append("Flow times are Gatling's group times: the sum of the eight response times.\n")
                .append(perStep).append('\n');
        json.put("journeys", rows);
    }

    private void realName() throws IOException {
        Optional<GatlingStats> stats = GatlingStats.latestIn(results.resolve(REAL_NAME_STEP));
        Properties counters = counters(REAL_NAME_STEP);
        if (stats.isEmpty() || counters == null) {
            return;
        }
        md.append("## Real-name check beside a bare endpoint (same server, same run, one after the other)\n\n")
                .append("| endpoint | clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors | commits/request | CPU ms/request |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String[] phaseAndRequest : new String[][] {{"real-name", "real-name"}, {"health", "health-live"}}) {
            String phaseName = phaseAndRequest[0];
            GatlingStats.Entry r = stats.get().get(phaseName + " / " + phaseAndRequest[1]).orElse(null);
            if (r == null) {
                continue;
            }
            Phase phase = Phase.of(counters, phaseName);
            String endpoint = phaseName.equals("health") ? "GET /q/health/live" : "GET /api/v1/accounts/{id}/real-name";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint", endpoint);
            row.put("clients", Integer.parseInt(counters.getProperty("users")));
            row.put("requests", r.ok());
            row.put("requests_per_s", perSecond(r.ok(), phase.wallMs()));
            row.put("ms_p50_p95_p99", List.of(r.p50(), r.p95(), r.p99()));
            row.put("errors", r.ko());
            row.put("commits_per_request", per(phase.commits(), r.ok()));
            row.put("cpu_ms_per_request", per(phase.cpuMs(), r.ok()));
            rows.add(row);
            md.append(String.format("| `%s` | %s | %d | %.0f | %d | %d | %d | %d | %.2f | %.2f |%n", endpoint, row.get("clients"),
                    r.ok(), (double) row.get("requests_per_s"), r.p50(), r.p95(), r.p99(), r.ko(),
                    (double) row.get("commits_per_request"), (double) row.get("cpu_ms_per_request")));
        }
        md.append('\n');
        json.put("real_name", rows);
    }

    private void jfr() throws IOException {
        Map<String, Object> breakdowns = new LinkedHashMap<>();
        List<String> steps = new ArrayList<>(JOURNEY_STEPS);
        steps.add(REAL_NAME_STEP);
        for (String step : steps) {
            Properties counters = counters(step);
            Optional<GatlingStats> stats = GatlingStats.latestIn(results.resolve(step));
            if (counters == null || counters.getProperty("jfr") == null || stats.isEmpty()) {
                continue;
            }
            boolean realName = step.equals(REAL_NAME_STEP);
            long flows = stats.get().get(realName ? "real-name / real-name" : JourneySimulation.MEASURED)
                    .map(GatlingStats.Entry::ok).orElse(0L);
            JfrBreakdown b = JfrBreakdown.of(results.resolve(step).resolve(counters.getProperty("jfr")));
            md.append("## JFR breakdown, ").append(step)
                    .append(realName ? " (gateway process, measured real-name checks only; per flow = per check)\n\n"
                            : " (gateway process, measured journeys only)\n\n")
                    .append(b.table(flows)).append("\nPackages that decided the most 'other' samples:\n\n")
                    .append(b.topOther(10)).append('\n').append(b.threadTable()).append('\n');
            Map<String, Object> shares = new LinkedHashMap<>();
            b.samples().forEach((category, n) -> shares.put(category, n));
            shares.put("total", b.total());
            shares.put("flows", flows);
            shares.put("thread_cpu_share", b.threadShares());
            breakdowns.put(step, shares);
        }
        if (!breakdowns.isEmpty()) {
            json.put("jfr_samples", breakdowns);
        }
    }

    private Properties counters(String step) throws IOException {
        Path file = results.resolve(step).resolve(RunCounters.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static double perSecond(long n, long wallMs) {
        return wallMs == 0 ? 0 : Math.round(n * 10_000.0 / wallMs) / 10.0;
    }

    private static double per(long amount, long n) {
        return n == 0 ? 0 : Math.round(amount * 100.0 / n) / 100.0;
    }

    /** One measured phase's deltas as {@link RunCounters} wrote them. */
    private record Phase(long wallMs, long cpuMs, long commits) {
        static Phase of(Properties p, String name) {
            String prefix = "phase." + name + ".";
            return new Phase(Long.parseLong(p.getProperty(prefix + "wall.ms", "0")),
                    Long.parseLong(p.getProperty(prefix + "cpu.ms", "0")),
                    Long.parseLong(p.getProperty(prefix + "commits", "0")));
        }
    }
}
