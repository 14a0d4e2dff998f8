package org.realname.gateway.attack;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.IdNumber;

/**
 * Every log record written while an attack runs (all loggers, all threads, every level the
 * gateway's categories let through: DEBUG for {@code org.realname} in tests), formatted as the
 * log would print it, with any stack trace. Closing it detaches the handler.
 */
final class LogCapture extends Handler implements AutoCloseable {

    /** 17 digits and a check character, not part of a longer run of letters or digits. */
    private static final Pattern ID_SHAPE = Pattern.compile("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])");

    private final List<String> records = new ArrayList<>();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ').append(record.getLoggerName())
                .append(' ').append(message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        synchronized (records) {
            records.add(line.toString());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }

    List<String> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * No record holds any of {@code secrets} (names, ID numbers, tokens, link secrets), a valid
     * resident ID number of any kind, an ANSI escape, or a line that an attacker's CR/LF started.
     */
    void assertClean(String... secrets) {
        List<String> problems = new ArrayList<>();
        for (String r : records()) {
            for (String s : secrets) {
                if (s != null && !s.isEmpty() && r.contains(s)) {
                    problems.add("a secret or personal value in: " + shorten(r, s));
                }
            }
            Matcher m = ID_SHAPE.matcher(r);
            while (m.find()) {
                try {
                    IdNumber.parse(m.group());
                    problems.add("an ID number in a record of " + r.split(" ", 3)[1]);
                } catch (GatewayException notAnIdNumber) {
                    // a long number that is not a resident ID number
                }
            }
            if (r.indexOf('\u001b') >= 0) {
                problems.add("an ANSI escape in a record of " + r.split(" ", 3)[1]);
            }
            if (r.contains("\nFORGED") || r.contains("\rFORGED")) {
                problems.add("a forged log line in a record of " + r.split(" ", 3)[1]);
            }
        }
        if (!problems.isEmpty()) {
            fail("the log of the attack " + problems);
        }
    }

    private static String shorten(String record, String secret) {
        String masked = record.replace(secret, "<" + secret.length() + " chars>");
        return masked.length() > 200 ? masked.substring(0, 200) + "..." : masked;
    }
}
