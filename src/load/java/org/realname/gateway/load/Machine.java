package org.realname.gateway.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a summary was measured on, in one line. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format("%d CPUs (%s), Java %s (%s), %s %s, load average at summary time: %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
                System.getProperty("java.vm.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                loadAverage());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
