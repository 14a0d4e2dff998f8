package org.realname.gateway.auditor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from fixed SQL fragments and bound parameters only: filter values never become SQL. */
final class SqlWhere {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code clause} (with one {@code ?} per argument) when {@code value} is given. */
    SqlWhere when(Object value, String clause, Object... args) {
        if (value != null) {
            clauses.add(clause);
            for (Object a : args) {
                params.add(a instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : a instanceof Enum<?> e ? e.name() : a);
            }
        }
        return this;
    }

    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
