package org.realname.gateway.consent;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import org.realname.gateway.identity.IdNumber;

/** Valid resident ID numbers of people of a chosen age today (date in China). */
final class MinorIds {

    private MinorIds() {
    }

    /** Someone who turned {@code years} old {@code daysAgo} days ago (today in China). */
    static String aged(int years, int daysAgo) {
        LocalDate birth = LocalDate.now(MinorRules.CHINA).minusDays(daysAgo).minusYears(years);
        return bornOn(birth);
    }

    static String bornOn(LocalDate birth) {
        String first17 = "110101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }
}
