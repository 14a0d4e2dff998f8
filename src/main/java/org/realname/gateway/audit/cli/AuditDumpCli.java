package org.realname.gateway.audit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.realname.gateway.audit.AuditChainVerifier.Report;
import org.realname.gateway.audit.AuditChainWalk;
import org.realname.gateway.crypto.Sm2Verifier;

/**
 * The auditor's offline check of a database dump: the same walk as {@code GET
 * /api/v1/audit/verify} ({@link AuditChainWalk}), so the same verdict and the same first broken
 * sequence number, with checkpoint signatures checked against the signing certificates given.
 *
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' org.realname.gateway.audit.cli.AuditDumpCli \
 *     --events events.csv --checkpoints checkpoints.csv --certificates signing-certificates.pem
 * </pre>
 * The CSV files are what {@code psql}'s {@code \copy ... CSV HEADER} writes (docs/audit.md shows
 * the dump commands); {@code --certificates} may be given several times, and a file may hold
 * several certificates. Prints the report as one JSON object; exits 0 when intact, 1 when
 * broken, 2 on wrong usage or an unreadable file. The dump holds no head row: entries deleted at
 * the very end show only through a checkpoint that covers them.
 */
public final class AuditDumpCli {

    private static final String USAGE = "usage: AuditDumpCli --events EVENTS.csv --checkpoints CHECKPOINTS.csv "
            + "--certificates CERTS.pem [--certificates MORE.pem ...]";

    private AuditDumpCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without exiting the JVM; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path events = null;
        Path checkpoints = null;
        List<Path> certificates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            switch (args[i]) {
                case "--events" -> events = Path.of(args[++i]);
                case "--checkpoints" -> checkpoints = Path.of(args[++i]);
                case "--certificates" -> certificates.add(Path.of(args[++i]));
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        if (events == null || checkpoints == null || certificates.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Report report;
        try {
            Map<String, X509Certificate> certs = DumpFiles.certificates(certificates);
            report = AuditChainWalk.walk(DumpFiles.entries(events), DumpFiles.checkpoints(checkpoints),
                    (keyId, data, signature) -> verifies(certs.get(keyId), data, signature)).report();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("cannot read the dump: " + e.getMessage());
            return 2;
        }
        out.println(json(report));
        return report.intact() ? 0 : 1;
    }

    private static boolean verifies(X509Certificate cert, byte[] data, byte[] signature) {
        if (cert == null) {
            return false;
        }
        try {
            new Sm2Verifier(cert.getPublicKey()).verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The same fields as the API's report (no JSON library needed on the auditor's class path). */
    static String json(Report r) {
        StringBuilder b = new StringBuilder("{\"intact\":").append(r.intact())
                .append(",\"entries_checked\":").append(r.checked());
        if (r.firstBrokenSeq() != null) {
            b.append(",\"first_broken_seq\":").append(r.firstBrokenSeq());
        }
        if (r.reason() != null) {
            b.append(",\"reason\":\"").append(r.reason().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        b.append(",\"checkpoints_checked\":").append(r.checkpointsChecked());
        if (r.brokenLink() != null) {
            b.append(",\"broken_link\":\"").append(r.brokenLink()).append('"');
        }
        if (r.brokenCheckpoint() != null) {
            b.append(",\"broken_checkpoint\":").append(r.brokenCheckpoint());
        }
        return b.append('}').toString();
    }
}
