package org.realname.gateway.auditor;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Streams exports of the trail and of the results. Rows go from a JDBC cursor straight to the
 * response, {@code export-fetch-size} at a time, so an export of any size needs the same small
 * heap.
 *
 * <p>The {@code EXPORT} entry is written (and committed) before the first row is sent: the
 * export's own read transaction can run for minutes and must not hold the audit head lock, which
 * every other append waits for. An export the client abandons half way is therefore still on
 * record, which is the safe side.
 */
@ApplicationScoped
public class AuditExports {

    private final EventQuery events;
    private final ResultQuery results;
    private final AuditTrail trail;
    private final AuditorConfig config;
    private final ObjectMapper json;

    public AuditExports(EventQuery events, ResultQuery results, AuditTrail trail, AuditorConfig config,
            ObjectMapper json) {
        this.events = events;
        this.results = results;
        this.trail = trail;
        this.config = config;
        this.json = json;
    }

    public StreamingOutput events(String auditor, Filters filters, ExportFormat format) {
        record(auditor, "events", filters, format);
        return out -> write(out, format, EventRow.HEADER, EventRow::cells,
                sink -> events.stream(filters, config.exportFetchSize(), sink));
    }

    public StreamingOutput results(String auditor, Filters filters, ExportFormat format) {
        record(auditor, "results", filters, format);
        return out -> write(out, format, ResultRow.HEADER, ResultRow::cells,
                sink -> results.stream(filters, config.exportFetchSize(), sink));
    }

    private void record(String auditor, String what, Filters filters, ExportFormat format) {
        trail.record(AuditTrail.actorOf(auditor), Roles.AUDITOR, AuditEventType.EXPORT,
                filters.account() == null ? null : "account", filters.account(), what + ":" + format.extension());
    }

    private <T> void write(java.io.OutputStream out, ExportFormat format, String[] header, Function<T, String[]> cells,
            Consumer<Consumer<T>> source) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (format == ExportFormat.CSV) {
            Csv.line(w, header);
        }
        Consumer<T> sink = format == ExportFormat.CSV ? row -> Csv.line(w, cells.apply(row)) : row -> jsonLine(w, row);
        try {
            QuarkusTransaction.requiringNew().timeout((int) config.exportTimeout().toSeconds())
                    .run(() -> source.accept(sink));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    private void jsonLine(Writer w, Object row) {
        try {
            w.write(json.writeValueAsString(row));
            w.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An export row could not be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
