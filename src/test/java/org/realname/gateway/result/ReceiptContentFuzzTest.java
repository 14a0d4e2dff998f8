package org.realname.gateway.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.realname.gateway.support.FuzzValues;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The receipt's canonical form, the bytes the gateway signs: content is refused
 * ({@code IllegalArgumentException}) or its canonical text reads back to exactly the same
 * content (the time at milliseconds, as documented), so one signature never covers two
 * different receipts. The text is read back by its documented layout, independently of the
 * code that writes it.
 */
class ReceiptContentFuzzTest {

    private static final String[] KEYS = {"result_id", "session_id", "account_id", "purpose", "outcome", "provider",
        "provider_reference", "verified_at", "consent_id", "id_number_index", "signing_key_id"};

    @FuzzTest
    void canonicalFormReadsBackToTheSameReceipt(FuzzedDataProvider data) {
        ReceiptContent content;
        try {
            content = new ReceiptContent(FuzzValues.identifier(data), FuzzValues.identifier(data),
                    FuzzValues.identifier(data), FuzzValues.identifier(data), FuzzValues.identifier(data),
                    FuzzValues.identifier(data), FuzzValues.identifier(data), FuzzValues.instant(data),
                    FuzzValues.identifier(data), FuzzValues.identifier(data), FuzzValues.identifier(data));
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertArrayEquals(content.canonicalBytes(), content.canonicalBytes(), "the canonical form is deterministic");
        assertEquals(content.canonicalText(), new String(content.canonicalBytes(), StandardCharsets.UTF_8));
        ReceiptContent expected = new ReceiptContent(content.resultId(), content.sessionId(), content.accountId(),
                content.purpose(), content.outcome(), content.provider(), content.providerReference(),
                content.verifiedAt().truncatedTo(ChronoUnit.MILLIS), content.consentId(), content.idNumberIndex(),
                content.signingKeyId());
        assertEquals(expected, readBack(content.canonicalText()), "the canonical text holds every field exactly");
    }

    private static ReceiptContent readBack(String text) {
        String[] lines = text.split("\n", -1);
        assertEquals(KEYS.length + 2, lines.length, "the version line, one line per field, a final line feed");
        assertEquals(ReceiptContent.VERSION_LINE, lines[0]);
        assertEquals("", lines[KEYS.length + 1]);
        String[] v = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            String prefix = KEYS[i] + "=";
            assertEquals(prefix, lines[i + 1].substring(0, Math.min(prefix.length(), lines[i + 1].length())));
            v[i] = lines[i + 1].substring(prefix.length());
        }
        return new ReceiptContent(v[0], v[1], v[2], v[3], v[4], v[5], v[6], Instant.parse(v[7]), v[8], v[9], v[10]);
    }
}
