package org.realname.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The guardian age goes from 14 (PIPL art. 31) to 18 and not above the flag age; anything else stops the start. */
class MinorsSettingsTest {

    record Config(int guardianAge, int flagAge, MinorPolicy policy) implements MinorsConfig {
    }

    @Test
    void guardianAge_from14To18_startsAndApplies() {
        for (int age = 14; age <= 18; age++) {
            int a = age;
            Minors minors = assertDoesNotThrow(() -> new Minors(new Config(a, 18, MinorPolicy.STRICT)), "guardian-age " + a);
            assertEquals(a, minors.rules().guardianAge());
        }
        assertDoesNotThrow(() -> new Minors(new Config(16, 16, MinorPolicy.REFUSE)));
    }

    @Test
    void badSettings_stopTheStart() {
        int[][] bad = {{13, 18}, {0, 18}, {-1, 18}, {19, 18}, {19, 19}, {18, 16}, {16, 15}, {14, 19}, {14, 150}};
        for (int[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Minors(new Config(b[0], b[1], MinorPolicy.STRICT)), b[0] + "/" + b[1]);
            assertEquals(true, e.getMessage().contains("14 <= guardian-age <= flag-age <= 18"), e.getMessage());
        }
    }

    @Test
    void eighteen_putsASixteenYearOld_underTheGuardian() {
        MinorRules eighteen = new MinorRules(18, 18, MinorPolicy.STRICT);
        java.time.Instant now = java.time.Instant.parse("2026-06-01T04:00:00Z");
        assertEquals(MinorRules.Requirement.GUARDIAN_CONSENT,
                eighteen.requirement(java.time.LocalDate.parse("2010-01-01"), now));
        assertEquals(MinorRules.Requirement.NONE, eighteen.requirement(java.time.LocalDate.parse("2008-06-01"), now));
        assertEquals(MinorRules.Requirement.GUARDIAN_CONSENT,
                eighteen.requirement(java.time.LocalDate.parse("2008-06-02"), now));
    }
}
