package org.realname.gateway.auditor;

import java.util.Locale;

/** The export formats: CSV with a header line, or JSON lines (one JSON object per line). */
public enum ExportFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    JSONL("application/x-ndjson; charset=UTF-8", "jsonl");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code csv} (the default) or {@code jsonl}; anything else is refused. */
    public static ExportFormat parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return CSV;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "jsonl" -> JSONL;
            default -> throw Filters.invalid("format must be csv or jsonl");
        };
    }
}
