package org.realname.gateway.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the gateway's Java threads spent their time: the {@code jdk.ExecutionSample} events of a
 * flight recording, each given to one category by its top frames. From the top frame (the method
 * running) downwards: a frame of a listed category decides; a frame of the JDK's general-purpose
 * classes ({@code java.}, {@code jdk.}, {@code sun.}, ...) is passed over, so the work is charged to
 * the library that asked for it; the first frame of any other library decides "other". So a
 * {@code BigInteger} multiplication under {@code sun.security.rsa} is crypto, socket reading under
 * the PostgreSQL driver is the driver, a {@code HashMap} lookup under Hibernate is ORM, and a
 * sample never falls through to the thread's entry frames (which are Netty's or Vert.x's on every
 * thread).
 *
 * <p>The rules are fixed here so that a recording before and one after a change are counted the
 * same way. Samples cover Java code only: garbage collection and the JIT compiler are not in
 * them (the process CPU time in the summary includes them).
 *
 * <p>On its own: {@code ./mvnw -f src/load/pom.xml exec:java -Dexec.mainClass=org.realname.gateway.load.JfrBreakdown
 * -Dexec.classpathScope=test -Dexec.args=FILE.jfr}.
 */
public final class JfrBreakdown {

    /** Categories in the order they are tried on each frame; the first matching prefix wins. */
    static final Map<String, List<String>> CATEGORIES = categories();

    static final String OTHER = "other (libraries not listed, JDK-only stacks)";

    /**
     * Frames that decide nothing: {@code doPrivileged} sits under all kinds of work and would
     * otherwise match the {@code java.security.} prefix of crypto.
     */
    private static final List<String> NEUTRAL = List.of("java.security.AccessController");

    /** The JDK's general-purpose classes: passed over, charged to the caller. */
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final Map<String, Long> samples = new LinkedHashMap<>();
    private final Map<String, Long> otherTops = new TreeMap<>();
    private long total;
    private final Map<String, Double> threadCpu = threadKinds();

    /**
     * What the process's Java threads spent their CPU on ({@code jdk.ThreadCPULoad}, user +
     * system, summed over the recording): the JIT compiler next to the request work shows whether
     * a step was measured warm. GC and other VM threads are not Java threads and are not listed.
     */
    private static Map<String, Double> threadKinds() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String kind : List.of(JIT, "request workers (executor-thread)", "event loops (vert.x-eventloop)",
                "gateway background (audit, security log, webhooks, scheduler, pool)", "other Java threads")) {
            m.put(kind, 0.0);
        }
        return m;
    }

    static final String JIT = "JIT compiler";

    private static Map<String, List<String>> categories() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("crypto (BouncyCastle, JCA RSA/EC/SHA/SecureRandom, gateway crypto: SM2/SM3/SM4)", List.of(
                "org.bouncycastle.", "sun.security.rsa.", "sun.security.ec.", "sun.security.provider.",
                "sun.security.util.", "com.sun.crypto.provider.", "javax.crypto.", "java.security.",
                "org.realname.gateway.crypto.", "org.openeuler."));
        c.put("PostgreSQL JDBC driver", List.of("org.postgresql."));
        c.put("ORM (Hibernate, Panache)", List.of("org.hibernate.", "io.quarkus.hibernate.", "jakarta.persistence."));
        c.put("transactions and pool (Narayana, Agroal)", List.of("com.arjuna.", "io.narayana.", "io.agroal.",
                "io.quarkus.narayana.", "io.quarkus.agroal."));
        c.put("templates (Qute)", List.of("io.quarkus.qute.", "io.quarkus.resteasy.reactive.qute."));
        c.put("HTTP (Vert.x, Netty, RESTEasy Reactive, JDK HttpClient)", List.of("io.vertx.", "io.netty.",
                "org.jboss.resteasy.", "io.quarkus.vertx.", "io.quarkus.resteasy.", "io.smallrye.mutiny.",
                "jdk.internal.net.http.", "java.net.http."));
        c.put("JSON (Jackson)", List.of("com.fasterxml.jackson."));
        c.put("security (OIDC, JWT parsing; their signature checks count as crypto)", List.of("io.quarkus.oidc.",
                "io.quarkus.security.", "io.smallrye.jwt.", "org.jose4j."));
        c.put("gateway's own code (org.realname)", List.of("org.realname."));
        return c;
    }

    /** Reads every execution sample of {@code recording}. */
    public static JfrBreakdown of(Path recording) throws IOException {
        JfrBreakdown b = new JfrBreakdown();
        for (String category : CATEGORIES.keySet()) {
            b.samples.put(category, 0L);
        }
        b.samples.put(OTHER, 0L);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                    b.count(e.getStackTrace().getFrames());
                } else if (type.equals("jdk.ThreadCPULoad") && e.getThread("eventThread") != null) {
                    b.threadCpu.merge(kindOf(e.getThread("eventThread").getJavaName()),
                            (double) e.getFloat("user") + e.getFloat("system"), Double::sum);
                }
            }
        }
        return b;
    }

    private static String kindOf(String thread) {
        String name = thread == null ? "" : thread;
        if (name.contains("CompilerThread")) {
            return JIT;
        }
        if (name.startsWith("executor-thread")) {
            return "request workers (executor-thread)";
        }
        if (name.startsWith("vert.x-eventloop")) {
            return "event loops (vert.x-eventloop)";
        }
        if (name.startsWith("audit") || name.startsWith("security-log") || name.startsWith("webhook")
                || name.startsWith("quarkus-scheduler") || name.startsWith("agroal")) {
            return "gateway background (audit, security log, webhooks, scheduler, pool)";
        }
        return "other Java threads";
    }

    /** Share of the Java threads' CPU by kind of thread. */
    Map<String, Double> threadShares() {
        double sum = threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        threadCpu.forEach((kind, load) -> shares.put(kind, sum == 0 ? 0.0 : 100.0 * load / sum));
        return shares;
    }

    /** A Markdown table of {@link #threadShares()}. */
    String threadTable() {
        StringBuilder b = new StringBuilder("| Java threads | share of their CPU |\n|---|---:|\n");
        threadShares().forEach((kind, share) -> b.append(String.format("| %s | %.1f %% |%n", kind, share)));
        return b.toString();
    }

    private void count(List<RecordedFrame> frames) {
        total++;
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (NEUTRAL.contains(type)) {
                continue;
            }
            for (Map.Entry<String, List<String>> c : CATEGORIES.entrySet()) {
                for (String prefix : c.getValue()) {
                    if (type.startsWith(prefix)) {
                        samples.merge(c.getKey(), 1L, Long::sum);
                        return;
                    }
                }
            }
            if (JDK.stream().noneMatch(type::startsWith)) {
                other(type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type);
                return;
            }
        }
        other("(JDK frames only)");
    }

    private void other(String packageName) {
        samples.merge(OTHER, 1L, Long::sum);
        otherTops.merge(packageName, 1L, Long::sum);
    }

    long total() {
        return total;
    }

    Map<String, Long> samples() {
        return samples;
    }

    /** A Markdown table: category, samples, share, samples per flow (when {@code flows > 0}). */
    String table(long flows) {
        StringBuilder b = new StringBuilder("| category | samples | share | samples per flow |\n|---|---:|---:|---:|\n");
        samples.forEach((category, n) -> b.append(String.format("| %s | %,d | %.1f %% | %s |%n", category, n,
                total == 0 ? 0.0 : 100.0 * n / total, flows > 0 ? String.format("%.2f", (double) n / flows) : "–")));
        b.append(String.format("| **all execution samples** | %,d | 100 %% | %s |%n", total,
                flows > 0 ? String.format("%.2f", (double) total / flows) : "–"));
        return b.toString();
    }

    /** The packages that decided most "other" samples, to show what that category holds. */
    String topOther(int n) {
        StringBuilder b = new StringBuilder();
        otherTops.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> b.append(String.format("- %s: %,d%n", e.getKey(), e.getValue())));
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            JfrBreakdown b = of(Path.of(file));
            System.out.println("## " + file + "\n\n" + b.table(0) + "\nPackages that decided the most 'other' samples:\n"
                    + b.topOther(10) + "\n" + b.threadTable());
        }
    }
}
