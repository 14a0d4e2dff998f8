package org.realname.gateway.load;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Distinct valid resident ID numbers, one per journey: Beijing Dongcheng (110101), a birth date
 * counting up from 1960-01-01 (adults, so no guardian step), a three-digit sequence. The gateway
 * checks the check character, so it is computed as {@code IdNumber.checkCharacter} does
 * (ISO 7064 MOD 11-2).
 */
final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1960, 1, 1);
    /** Per JVM run; a random start keeps two steps on one database apart as well. */
    private static final AtomicLong NEXT = new AtomicLong((long) (Math.random() * 1_000_000));

    private IdNumbers() {
    }

    static String next() {
        long n = NEXT.getAndIncrement();
        LocalDate birth = FIRST_BIRTH.plusDays((n / 1000) % 14_000);
        String first17 = String.format("110101%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), n % 1000);
        return first17 + checkCharacter(first17);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
