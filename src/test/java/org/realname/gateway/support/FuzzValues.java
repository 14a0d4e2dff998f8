package org.realname.gateway.support;

import java.time.Instant;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Values for structured fuzz targets that reach past the first validation more often than raw text. */
public final class FuzzValues {

    private static final String SAFE = "abcXYZ0189._:@/+-";

    private FuzzValues() {
    }

    /**
     * Usually a value of the gateway's safe identifier set ({@code [A-Za-z0-9._:@/+-]}, 1 to 128),
     * sometimes any text or {@code null}: so both the accepted and the refused side are reached.
     */
    public static String identifier(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> null;
            case 1 -> data.consumeString(130);
            default -> {
                int length = data.consumeInt(1, 129);
                StringBuilder s = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    s.append(SAFE.charAt(data.consumeInt(0, SAFE.length() - 1)));
                }
                yield s.toString();
            }
        };
    }

    /** Any instant {@link Instant} can hold, often near now, with or without a sub-millisecond part. */
    public static Instant instant(FuzzedDataProvider data) {
        long seconds = data.consumeBoolean()
                ? data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                : 1_764_000_000L + data.consumeInt(-100_000_000, 100_000_000);
        int nanos = data.consumeBoolean() ? data.consumeInt(0, 999) * 1_000_000 : data.consumeInt(0, 999_999_999);
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
