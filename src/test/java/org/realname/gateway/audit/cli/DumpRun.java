package org.realname.gateway.audit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@link AuditDumpCli} as the command line would (without exiting the JVM) and reads its answer. */
public record DumpRun(int exitCode, String out, String err) {

    public static DumpRun of(Path events, Path checkpoints, Path certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AuditDumpCli.run(new String[] {"--events", events.toString(), "--checkpoints", checkpoints.toString(),
            "--certificates", certificates.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new DumpRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A numeric field of the JSON report, or null. */
    public Long number(String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(out);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    public String string(String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(out);
        return m.find() ? m.group(1) : null;
    }

    /** Rewrites the one line of {@code file} that contains {@code marker}; {@code replacement} null deletes it. */
    public static Path edit(Path file, String marker, String from, String to) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long hits = lines.stream().filter(l -> l.contains(marker)).count();
        if (hits != 1) {
            throw new IllegalStateException(hits + " lines contain " + marker);
        }
        Path copy = Files.createTempFile(file.getParent(), "tampered-", ".csv");
        List<String> edited = lines.stream().filter(l -> to != null || !l.contains(marker))
                .map(l -> l.contains(marker) ? l.replace(from, to) : l).toList();
        Files.write(copy, edited, StandardCharsets.UTF_8);
        return copy;
    }
}
