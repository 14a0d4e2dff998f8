package org.realname.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.realname.gateway.crypto.Sm3;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * At every start, an SM3 digest of the security-relevant, non-secret configuration is compared
 * with the last one in the trail; when it differs (or none is there yet) a
 * {@code CONFIGURATION_CHANGED} entry is written with outcome {@code sm3-<first 32 hex digits>}.
 * The values themselves never enter the trail, so an auditor learns <em>that</em> the
 * configuration changed and when; the operator's change log says what.
 *
 * <p>Covered: every property named under {@link #PREFIXES}, except any whose last name part
 * mentions a password, secret, credential, token, private key or key (those are secrets or
 * point at them). The canonical form is the sorted {@code name=value\n} lines, UTF-8.
 */
@ApplicationScoped
public class ConfigurationDigest {

    private static final Logger LOG = Logger.getLogger(ConfigurationDigest.class);
    static final String RECORD_TYPE = "configuration";
    static final List<String> PREFIXES = List.of("gateway.", "quarkus.oidc.", "quarkus.security.", "quarkus.http.auth.",
            "quarkus.http.ssl.", "quarkus.tls.", "quarkus.datasource.db-kind", "quarkus.flyway.locations",
            "quarkus.http.limits.", "quarkus.hibernate-orm.log.");
    private static final Pattern SECRET = Pattern.compile(".*(password|secret|credential|token|private|(^|-)key)$|"
            + ".*(password|secret|credential|token|private).*");

    private final Config config;
    private final DataSource dataSource;
    private final AuditTrail trail;

    public ConfigurationDigest(Config config, DataSource dataSource, AuditTrail trail) {
        this.config = config;
        this.dataSource = dataSource;
        this.trail = trail;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            if (recordIfChanged(current())) {
                LOG.infof("Security-relevant configuration differs from the last start on record (audit trail)");
            }
        } catch (RuntimeException e) {
            // The trail must not keep the gateway from starting; the next start compares again.
            LOG.warnf("The configuration digest could not be recorded (%s)", e.getClass().getSimpleName());
        }
    }

    /** {@code sm3-} and the first 32 hex digits of the SM3 digest of the covered configuration. */
    public String current() {
        TreeMap<String, String> covered = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("%") || !covered(name)) {
                continue;
            }
            try {
                config.getOptionalValue(name, String.class).ifPresent(v -> covered.put(name, v));
            } catch (RuntimeException e) {
                // An unresolvable expression: covered as such, so fixing it is a change too.
                covered.put(name, "<unresolved>");
            }
        }
        StringBuilder canonical = new StringBuilder();
        covered.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        byte[] digest = Sm3.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return "sm3-" + HexFormat.of().formatHex(digest, 0, 16);
    }

    static boolean covered(String name) {
        if (PREFIXES.stream().noneMatch(name::startsWith)) {
            return false;
        }
        String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return !SECRET.matcher(last).matches();
    }

    /**
     * Records {@code digest} unless it is the last one on record (sequenced or still queued: the
     * insert id orders both); under the head lock, so instances starting together record it once.
     */
    boolean recordIfChanged(String digest) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                if (digest.equals(lastRecorded(c).orElse(null))) {
                    return false;
                }
            }
            trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.CONFIGURATION_CHANGED, RECORD_TYPE, null,
                    digest);
            return true;
        });
    }

    private static Optional<String> lastRecorded(Connection c) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT outcome FROM audit_event WHERE event_type = ? ORDER BY id DESC")) {
            ps.setString(1, AuditEventType.CONFIGURATION_CHANGED.name());
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
