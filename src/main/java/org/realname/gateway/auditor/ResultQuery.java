package org.realname.gateway.auditor;

import org.realname.gateway.tenant.AccountRef;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.privacy.SealedIdentity;
import org.realname.gateway.result.ResultStatus;

/**
 * Reads verification results for auditors in (verified_at, id) order, identities masked. Keyset
 * paging: the cursor encodes the last row's time and id (base64url of {@code seconds.nanos:id}, the database's full precision), so a
 * page never skips or repeats a row even when results share a millisecond.
 */
@ApplicationScoped
public class ResultQuery {

    private static final String SELECT = "SELECT id, account_id, purpose, outcome, provider, verified_at, status, "
            + "disputed_at, erased_at, signing_key_id, identity_key_id, name_ciphertext, id_number_ciphertext, "
            + "id_number_index, minor, tenant_id FROM verification_result";
    private static final String ORDER = " ORDER BY verified_at, id";
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,15})\\.(\\d{1,9}):([A-Za-z0-9._-]{1,64})");

    private final DataSource dataSource;
    private final IdentitySealer sealer;

    public ResultQuery(DataSource dataSource, IdentitySealer sealer) {
        this.dataSource = dataSource;
        this.sealer = sealer;
    }

    /** One page after the cursor. Call inside a transaction (opening identities needs one). */
    public Page<ResultRow> page(Filters f, PageRequest page) {
        SqlWhere where = where(f);
        Cursor after = Cursor.parse(page.after());
        if (after != null) {
            where.when(after, "(verified_at > ? OR (verified_at = ? AND id > ?))", after.verifiedAt(), after.verifiedAt(),
                    after.id());
        }
        MaskedIdentity masks = new MaskedIdentity(sealer);
        List<ResultRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + where.sql() + ORDER)) {
            where.bind(ps);
            ps.setMaxRows(page.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rows.size() < page.limit() + 1) {
                    // The extra row is only looked at, not decrypted.
                    rows.add(rows.size() < page.limit() ? row(rs, masks) : null);
                }
            }
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The results could not be read", e);
        }
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, null);
        }
        rows.remove(rows.size() - 1);
        ResultRow last = rows.get(rows.size() - 1);
        return new Page<>(rows, new Cursor(last.verifiedAt(), last.id()).encode());
    }

    /**
     * Hands every matching result to {@code sink}, masked, in order, {@code fetchSize} rows at a
     * time. Call inside a transaction (see {@link EventQuery#stream}).
     *
     * @return how many results were handed over
     */
    public long stream(Filters f, int fetchSize, Consumer<ResultRow> sink) {
        SqlWhere where = where(f);
        MaskedIdentity masks = new MaskedIdentity(sealer);
        long n = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + where.sql()
                + ORDER, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            where.bind(ps);
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs, masks));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The results could not be read", e);
        }
        return n;
    }

    private static SqlWhere where(Filters f) {
        return new SqlWhere()
                .when(f.tenant(), "tenant_id = ?", f.tenant())
                .when(f.from(), "verified_at >= ?", f.from())
                .when(f.to(), "verified_at < ?", f.to())
                .when(f.account(), "account_id = ?", f.account())
                .when(f.resultOutcome(), "outcome = ?", f.resultOutcome())
                .when(f.purpose(), "purpose = ?", f.purpose())
                .when(f.provider(), "provider = ?", f.provider())
                .when(f.status(), "status = ?", f.status());
    }

    private static ResultRow row(ResultSet rs, MaskedIdentity masks) throws SQLException {
        String id = rs.getString(1);
        String account = rs.getString(2);
        String status = rs.getString(7);
        MaskedIdentity.Masked masked = masks.of(id, AccountRef.of(rs.getString(16), account), ResultStatus.ERASED.name().equals(status),
                new SealedIdentity(rs.getString(11), rs.getBytes(12), rs.getBytes(13), rs.getString(14)));
        return new ResultRow(id, account, rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6), status,
                instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getBoolean(15), masked.name(), masked.idNumber());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Where the previous page ended. */
    record Cursor(Instant verifiedAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((verifiedAt.getEpochSecond() + "." + verifiedAt.getNano() + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor parse(String after) {
            if (after == null) {
                return null;
            }
            try {
                String plain = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII);
                var m = CURSOR.matcher(plain);
                if (m.matches()) {
                    return new Cursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                            m.group(3));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the refusal
            }
            throw Filters.invalid("after must be the next cursor of a previous page");
        }
    }
}
