package org.realname.gateway.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The minors rules as pure functions of a birth date and an instant, so that every boundary can be
 * tested without a clock or a database.
 *
 * @param guardianAge below this age a guardian's consent is needed (or, with {@link MinorPolicy#REFUSE}, no verification)
 * @param flagAge below this age the result is flagged {@code minor}
 */
public record MinorRules(int guardianAge, int flagAge, MinorPolicy policy) {

    /** Birthdays are counted on the calendar of the ID number's issuer: China Standard Time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** PIPL art. 31: under 14 a guardian's consent is always needed. */
    public static final int LEGAL_GUARDIAN_AGE = 14;
    /** Age of majority (Civil Code art. 17): from 18 no one needs a guardian nor is a minor. */
    public static final int MAJORITY = 18;

    public MinorRules {
        // Fail closed: below 14 the law's guardian consent would be skipped; above 18 adults would
        // need a guardian; a guardian age above the flag age would leave children verified with a
        // guardian's consent unflagged.
        if (guardianAge < LEGAL_GUARDIAN_AGE || guardianAge > MAJORITY || flagAge < guardianAge || flagAge > MAJORITY) {
            throw new IllegalArgumentException("gateway.minors: need 14 <= guardian-age <= flag-age <= 18 (guardian-age is "
                    + guardianAge + ", flag-age " + flagAge + ")");
        }
        if (policy == null) {
            throw new IllegalArgumentException("gateway.minors.policy is required");
        }
    }

    public static MinorRules of(MinorsConfig config) {
        return new MinorRules(config.guardianAge(), config.flagAge(), config.policy());
    }

    /** What the consent step must have before the provider is called. */
    public enum Requirement {
        NONE, GUARDIAN_CONSENT, REFUSED
    }

    /** Completed years of life on the date in China at {@code at}; someone born on 29 February turns a year older on 1 March. */
    public static int ageAt(LocalDate birthDate, Instant at) {
        LocalDate today = at.atZone(CHINA).toLocalDate();
        return Math.max(0, Period.between(birthDate, today).getYears());
    }

    public Requirement requirement(LocalDate birthDate, Instant at) {
        if (ageAt(birthDate, at) >= guardianAge) {
            return Requirement.NONE;
        }
        return policy == MinorPolicy.REFUSE ? Requirement.REFUSED : Requirement.GUARDIAN_CONSENT;
    }

    /** Whether a result verified at {@code at} is flagged {@code minor}. */
    public boolean isMinor(LocalDate birthDate, Instant at) {
        return ageAt(birthDate, at) < flagAge;
    }
}
