package org.realname.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.realname.gateway.identity.IdNumber;

class MinorRulesTest {

    static final MinorRules STRICT = new MinorRules(14, 18, MinorPolicy.STRICT);
    static final LocalDate BORN = LocalDate.of(2012, 6, 15);

    @Test
    void age_turnsOnTheBirthday_inChinaStandardTime_notUtc() {
        // 2026-06-14T16:00Z is already 15 June in China: the fourteenth birthday.
        assertEquals(13, MinorRules.ageAt(BORN, Instant.parse("2026-06-14T15:59:59Z")));
        assertEquals(14, MinorRules.ageAt(BORN, Instant.parse("2026-06-14T16:00:00Z")));
    }

    @Test
    void under14_needsAGuardian_from14_doesNot() {
        assertEquals(MinorRules.Requirement.GUARDIAN_CONSENT, STRICT.requirement(BORN, Instant.parse("2026-06-14T15:59:59Z")));
        assertEquals(MinorRules.Requirement.NONE, STRICT.requirement(BORN, Instant.parse("2026-06-14T16:00:00Z")));
    }

    @Test
    void under18_isFlagged_from18_isNot() {
        LocalDate born = LocalDate.of(2008, 6, 15);
        assertTrue(STRICT.isMinor(born, Instant.parse("2026-06-14T15:59:59Z")));
        assertFalse(STRICT.isMinor(born, Instant.parse("2026-06-14T16:00:00Z")));
    }

    @Test
    void refusePolicy_refusesUnder14_only() {
        MinorRules refuse = new MinorRules(14, 18, MinorPolicy.REFUSE);
        assertEquals(MinorRules.Requirement.REFUSED, refuse.requirement(BORN, Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(MinorRules.Requirement.NONE, refuse.requirement(BORN, Instant.parse("2026-07-01T00:00:00Z")));
    }

    @Test
    void leapDayBirth_countsTheYearOnTheFirstOfMarch() {
        LocalDate leap = LocalDate.of(2012, 2, 29);
        assertEquals(13, MinorRules.ageAt(leap, Instant.parse("2026-02-27T16:00:00Z"))); // 28 Feb in China
        assertEquals(14, MinorRules.ageAt(leap, Instant.parse("2026-02-28T16:00:00Z"))); // 1 Mar in China
    }

    @Test
    void thresholds_areCheckedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new MinorRules(18, 14, MinorPolicy.STRICT));
        assertThrows(IllegalArgumentException.class, () -> new MinorRules(-1, 18, MinorPolicy.STRICT));
        assertThrows(IllegalArgumentException.class, () -> new MinorRules(13, 18, MinorPolicy.STRICT));
        assertThrows(IllegalArgumentException.class, () -> new MinorRules(14, 19, MinorPolicy.STRICT));
        assertThrows(IllegalArgumentException.class, () -> new MinorRules(14, 18, null));
    }

    @Test
    void ageComesFromTheIdNumbersBirthDigits() {
        IdNumber id = IdNumber.parse(MinorIds.bornOn(BORN));
        assertEquals(BORN, id.birthDate());
        assertEquals(MinorRules.Requirement.GUARDIAN_CONSENT, STRICT.requirement(id.birthDate(), Instant.parse("2026-01-01T00:00:00Z")));
    }
}
