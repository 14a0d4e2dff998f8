package org.realname.gateway.auditor;

/** A validated {@code limit} and the raw {@code after} cursor (each query parses its own cursor). */
public record PageRequest(String after, int limit) {

    public static PageRequest of(String after, String limit, AuditorConfig config) {
        int n = config.defaultPageSize();
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw Filters.invalid("limit must be a whole number from 1 to " + config.maxPageSize());
            }
        }
        if (n < 1 || n > config.maxPageSize()) {
            throw Filters.invalid("limit must be a whole number from 1 to " + config.maxPageSize());
        }
        return new PageRequest(after == null || after.isBlank() ? null : after.trim(), n);
    }
}
