package org.realname.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.support.IdentityRefusals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link IdNumber} and {@link PersonName} on any text: valid, or refused with their own error code
 * and a detail that quotes nothing; a valid value parses again to itself (the stored form is a
 * fixed point), and its masked forms keep the shape and hide what the masking rule hides. Inputs
 * are UTF-8 text, so the seed files are plain text.
 */
class IdentityParsingFuzzTest {

    private static final String CHECK = "10X98765432";

    @FuzzTest
    void idNumberIsValidOrRefusedWithoutEcho(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        IdNumber id;
        try {
            id = IdNumber.parse(raw);
        } catch (GatewayException e) {
            assertEquals(ErrorCode.INVALID_ID_NUMBER, e.code());
            assertTrue(e.detail().startsWith("id_number "), "the detail names the field");
            assertTrue(IdentityRefusals.ID_NUMBER.contains(e.detail()), "an ID number refusal outside the fixed sentences");
            return;
        }
        String value = id.reveal();
        assertTrue(value.matches("[0-9]{17}[0-9X]"), "a valid ID number is 17 digits and a check character");
        assertEquals(value, raw.strip().toUpperCase(Locale.ROOT), "parsing only strips and upper-cases");
        assertEquals(id, IdNumber.parse(value), "the stored form parses to itself");
        assertEquals(id, IdNumber.parse(value.toLowerCase(Locale.ROOT)), "a lower-case x is the same number");
        assertEquals(value.charAt(17), IdNumber.checkCharacter(value), "the check character is right");
        for (char other : CHECK.toCharArray()) {
            if (other != value.charAt(17)) {
                String wrong = value.substring(0, 17) + other;
                try {
                    IdNumber.parse(wrong);
                    fail("an ID number with another check character was accepted");
                } catch (GatewayException expected) {
                    assertEquals(ErrorCode.INVALID_ID_NUMBER, expected.code());
                }
            }
        }
        assertEquals(Integer.parseInt(value.substring(6, 10)), id.birthDate().getYear(), "birth year from digits 7-10");
        String masked = id.toString();
        assertEquals(value.substring(0, 3) + "*".repeat(11) + value.substring(14), masked, "masking keeps 3 and 4");
        assertNotEquals(value, masked);
    }

    @FuzzTest
    void personNameIsValidOrRefusedWithoutEcho(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        PersonName name;
        try {
            name = PersonName.parse(raw);
        } catch (GatewayException e) {
            assertEquals(ErrorCode.INVALID_NAME, e.code());
            assertTrue(e.detail().startsWith("name "), "the detail names the field");
            assertTrue(IdentityRefusals.NAME.contains(e.detail()), "a name refusal outside the fixed sentences");
            return;
        }
        String value = name.reveal();
        assertEquals(name, PersonName.parse(value), "the stored form parses to itself");
        int length = value.codePointCount(0, value.length());
        assertTrue(length >= PersonName.MIN_LENGTH && length <= PersonName.MAX_LATIN_LENGTH, "length within bounds");
        assertEquals(value, value.strip(), "no surrounding white space is stored");
        String masked = name.toString();
        int[] shown = masked.codePoints().toArray();
        int[] real = value.codePoints().toArray();
        assertEquals(real.length, shown.length, "masking keeps the length");
        assertEquals(real[0], shown[0], "masking keeps the first character of the surname");
        int hidden = 0;
        for (int i = 1; i < real.length; i++) {
            if (shown[i] == '*') {
                hidden++;
            } else {
                assertTrue(shown[i] == real[i] && (real[i] == ' ' || i == 1), "only the surname and spaces show");
            }
        }
        assertTrue(hidden >= 1, "at least one character of the given name is hidden");
    }
}
