package org.realname.gateway.complaint;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answer deadline as a pure function of the receipt time, so weekends, holidays, the year's
 * end and the time zone can be tested without a clock. Days are calendar days in China Standard
 * Time, whatever the server's zone. The day of receipt does not count (as for legal time limits):
 * a complaint received on a Monday with 15 working days is due at the end of the third Monday
 * after it, that is at 00:00 CST of the day after the last working day.
 *
 * @param count working days to answer in
 * @param holidays weekdays that are not working days
 * @param extraWorkingDays weekend days that are working days
 */
public record WorkingDays(int count, Set<LocalDate> holidays, Set<LocalDate> extraWorkingDays) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The most working days the rules for apps allow a promise to take. */
    public static final int MAX_COUNT = 15;

    public WorkingDays {
        holidays = Set.copyOf(holidays);
        extraWorkingDays = Set.copyOf(extraWorkingDays);
        List<String> problems = problems(count, holidays, extraWorkingDays);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static WorkingDays of(ComplaintsConfig config) {
        return new WorkingDays(config.answerWithinWorkingDays(), Set.copyOf(config.holidays().orElse(List.of())),
                Set.copyOf(config.extraWorkingDays().orElse(List.of())));
    }

    /** The reasons the settings are unusable; empty when they are fine. */
    static List<String> problems(int count, Set<LocalDate> holidays, Set<LocalDate> extraWorkingDays) {
        List<String> problems = new ArrayList<>();
        if (count < 1 || count > MAX_COUNT) {
            problems.add("gateway.complaints.answer-within-working-days is " + count + ", it must be 1 to " + MAX_COUNT);
        }
        for (LocalDate d : extraWorkingDays) {
            if (!isWeekend(d)) {
                problems.add("gateway.complaints.extra-working-days has " + d + ", which is not a Saturday or Sunday");
            }
            if (holidays.contains(d)) {
                problems.add(d + " is in both gateway.complaints.holidays and gateway.complaints.extra-working-days");
            }
        }
        return problems;
    }

    /** When a complaint received at {@code receivedAt} must be answered by. */
    public Instant dueAt(Instant receivedAt) {
        LocalDate day = receivedAt.atZone(CHINA).toLocalDate();
        int counted = 0;
        while (counted < count) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(CHINA).toInstant();
    }

    public boolean isWorkingDay(LocalDate day) {
        if (extraWorkingDays.contains(day)) {
            return true;
        }
        return !isWeekend(day) && !holidays.contains(day);
    }

    /** Whether any holiday is listed for {@code year}: an empty year means the list was not kept up. */
    public boolean hasHolidaysIn(int year) {
        return holidays.stream().anyMatch(d -> d.getYear() == year);
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
