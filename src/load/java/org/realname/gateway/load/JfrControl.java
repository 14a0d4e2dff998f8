package org.realname.gateway.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops a flight recording in the gateway process with {@code jcmd}, so the recording
 * covers the measured phase only, not the start-up and the warm-up. Settings {@code default}
 * (execution samples every 20 ms per running thread): {@code profile} samples twice as often and
 * adds allocation and GC-phase events, a cost that shows on two cores.
 */
final class JfrControl {

    private static final String NAME = "load";

    private JfrControl() {
    }

    static void start(long pid) {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=default");
    }

    static void stop(long pid, Path file) {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
    }

    private static void jcmd(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
