package org.realname.gateway.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * An 18-character PRC resident identity number (GB 11643-1999), validated on construction:
 * region prefix, birth date, and the ISO 7064 MOD 11-2 check character ({@code X} allowed last).
 * {@link #toString()} masks, so an {@code IdNumber} can never leak through a log line.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    /** Province-level codes (first two digits), including 81/82/83 for HK/MO/TW residence permits. */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");

    private final String value;
    private final LocalDate birthDate;

    private IdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * Parses and validates. A lower-case {@code x} is accepted and normalised to {@code X}.
     *
     * @throws GatewayException with {@link ErrorCode#INVALID_ID_NUMBER}; the detail never echoes the input
     */
    public static IdNumber parse(String raw) {
        if (raw == null) {
            throw invalid("is missing");
        }
        String s = raw.strip().toUpperCase(java.util.Locale.ROOT);
        if (s.length() != 18) {
            throw invalid("must have 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw invalid("must be 17 digits followed by a digit or X");
            }
        }
        char last = s.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw invalid("must be 17 digits followed by a digit or X");
        }
        if (!PROVINCES.contains(s.substring(0, 2)) || s.substring(2, 6).equals("0000")) {
            throw invalid("has an unknown region code");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(s.substring(6, 10)),
                    Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            throw invalid("has an impossible birth date");
        }
        if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now(java.time.ZoneOffset.ofHours(8)))) {
            throw invalid("has an impossible birth date");
        }
        if (checkCharacter(s) != last) {
            throw invalid("has a wrong check character");
        }
        return new IdNumber(s, birth);
    }

    /** The ISO 7064 MOD 11-2 check character over the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static GatewayException invalid(String why) {
        return new GatewayException(ErrorCode.INVALID_ID_NUMBER, "id_number " + why);
    }

    /** The plain value: only for encryption, blind indexing and the provider request. */
    public String reveal() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public String masked() {
        return Masking.idNumber(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
