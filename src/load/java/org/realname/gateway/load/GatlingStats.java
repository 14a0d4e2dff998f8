package org.realname.gateway.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the statistics table of a Gatling report ({@code <run>/index.html}): one row per group and
 * per request, keyed here by its path ({@code journey / 1 create}), with counts and the
 * response-time percentiles of {@code gatling.conf} (defaults 50, 75, 95, 99), over all responses
 * (OK and KO). Gatling 3.14 no longer writes the {@code js/stats.json} of earlier versions and its
 * {@code simulation.log} is binary, so the report's table is the one readable copy of its numbers.
 */
final class GatlingStats {

    /** One request or group: OK and KO counts, percentiles (ms). */
    record Entry(String path, long ok, long ko, long p50, long p95, long p99) {
    }

    private static final Pattern ROW = Pattern.compile("<tr data-parent=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("id=\"stats-table-([^\"]+)\" class=\"ellipsed-name\">([^<]*)<");
    private static final Pattern CELL = Pattern.compile("col-(\\d+)\">([^<]*)</td>");

    private final List<Entry> entries = new ArrayList<>();

    /** The newest Gatling run in {@code stepFolder}, if any. */
    static Optional<GatlingStats> latestIn(Path stepFolder) throws IOException {
        if (!Files.isDirectory(stepFolder)) {
            return Optional.empty();
        }
        Optional<Path> report;
        try (Stream<Path> runs = Files.list(stepFolder)) {
            // Run folders are named <simulation>-<yyyyMMddHHmmssSSS>: the greatest name is the newest.
            report = runs.map(run -> run.resolve("index.html")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString()));
        }
        if (report.isEmpty()) {
            return Optional.empty();
        }
        GatlingStats s = new GatlingStats();
        s.read(Files.readString(report.get()));
        return Optional.of(s);
    }

    private void read(String html) {
        Map<String, String> groupPaths = new HashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher id = ID.matcher(row.group(2));
            if (!id.find()) {
                continue;
            }
            String parent = row.group(1);
            String name = unescape(id.group(2));
            String path = groupPaths.containsKey(parent) ? groupPaths.get(parent) + " / " + name : name;
            if (id.group(1).startsWith("group_")) {
                groupPaths.put(id.group(1), path);
            }
            Map<Integer, Long> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                String v = cell.group(2).strip().replace(",", "");
                // Gatling writes "-" where there is nothing to show (no KO at all).
                cells.put(Integer.parseInt(cell.group(1)), v.matches("\\d+") ? Long.parseLong(v) : 0L);
            }
            // Columns: 2 total, 3 OK, 4 KO, 5 % KO, 6 count/s, 7 min, 8 p50, 9 p75, 10 p95, 11 p99, 12 max...
            entries.add(new Entry(path, cells.getOrDefault(3, 0L), cells.getOrDefault(4, 0L),
                    cells.getOrDefault(8, 0L), cells.getOrDefault(10, 0L), cells.getOrDefault(11, 0L)));
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    Optional<Entry> get(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** The requests directly inside {@code group}, in report order (named "1 create", ... so in step order). */
    List<Entry> requestsIn(String group) {
        String prefix = group + " / ";
        return entries.stream().filter(e -> e.path().startsWith(prefix) && !e.path().substring(prefix.length()).contains(" / "))
                .sorted(Comparator.comparing(Entry::path)).toList();
    }
}
