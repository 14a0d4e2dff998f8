package org.realname.gateway.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The answer deadline: weekends, holidays, make-up days, the year's end, China Standard Time. */
class ComplaintWorkingDaysTest {

    private static final WorkingDays FIFTEEN = new WorkingDays(15, Set.of(), Set.of());
    private static final WorkingDays ONE = new WorkingDays(1, Set.of(), Set.of());

    /** An instant given as a wall-clock time in China. */
    private static Instant cst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingDays.CHINA).toInstant();
    }

    @Test
    void fifteenWorkingDays_fromAMonday_endWithTheThirdMondayAfter() {
        assertEquals(cst("2025-03-25T00:00"), FIFTEEN.dueAt(cst("2025-03-03T10:00")));
    }

    @Test
    void theDayOfReceiptNeverCounts_evenAtItsFirstMinute() {
        assertEquals(cst("2025-03-05T00:00"), ONE.dueAt(cst("2025-03-03T00:00")));
        assertEquals(cst("2025-03-05T00:00"), ONE.dueAt(cst("2025-03-03T23:59:59.999")));
    }

    @Test
    void weekendsDoNotCount() {
        // Friday evening: Saturday and Sunday are skipped, Monday is the one working day.
        assertEquals(cst("2025-03-11T00:00"), ONE.dueAt(cst("2025-03-07T23:30")));
        // Received on a Saturday or Sunday: the next Monday is still the first working day.
        assertEquals(cst("2025-03-11T00:00"), ONE.dueAt(cst("2025-03-08T09:00")));
        assertEquals(cst("2025-03-11T00:00"), ONE.dueAt(cst("2025-03-09T21:00")));
    }

    @Test
    void daysAreCountedInChina_notInUtc() {
        // Thursday 16:30 UTC is already Friday 00:30 in Beijing: the next working day is Monday.
        Instant fridayInBeijing = Instant.parse("2025-03-06T16:30:00Z");
        assertEquals(Instant.parse("2025-03-10T16:00:00Z"), ONE.dueAt(fridayInBeijing));
        // 15:59 UTC is still Thursday 23:59 in Beijing: Friday counts.
        assertEquals(Instant.parse("2025-03-07T16:00:00Z"), ONE.dueAt(Instant.parse("2025-03-06T15:59:00Z")));
    }

    @Test
    void holidays_areSkipped_andMakeUpWeekendDaysCount() {
        // National Day 2025: 1 to 8 October off, Sunday 28 September and Saturday 11 October worked.
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-10-02"),
                LocalDate.parse("2025-10-03"), LocalDate.parse("2025-10-06"), LocalDate.parse("2025-10-07"),
                LocalDate.parse("2025-10-08"));
        Set<LocalDate> makeUp = Set.of(LocalDate.parse("2025-09-28"), LocalDate.parse("2025-10-11"));
        WorkingDays one = new WorkingDays(1, holidays, makeUp);
        assertEquals(cst("2025-10-10T00:00"), one.dueAt(cst("2025-09-30T10:00")));
        assertEquals(cst("2025-09-29T00:00"), one.dueAt(cst("2025-09-26T10:00")));
        WorkingDays three = new WorkingDays(3, holidays, makeUp);
        // 9, 10 and Saturday 11 October.
        assertEquals(cst("2025-10-12T00:00"), three.dueAt(cst("2025-09-30T10:00")));
        // Without the lists the same days count as plain weekdays: 1, 2, 3 October.
        assertEquals(cst("2025-10-04T00:00"), new WorkingDays(3, Set.of(), Set.of()).dueAt(cst("2025-09-30T10:00")));
    }

    @Test
    void acrossTheYearsEnd() {
        // Mon 22 Dec 2025: 23-26, 29-31 Dec, 1-2 Jan, 5-9 Jan, 12 Jan.
        assertEquals(cst("2026-01-13T00:00"), FIFTEEN.dueAt(cst("2025-12-22T09:00")));
        // New Year 2026: 1 and 2 January off, Sunday 4 January worked.
        WorkingDays one = new WorkingDays(1, Set.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-02")),
                Set.of(LocalDate.parse("2026-01-04")));
        assertEquals(cst("2026-01-05T00:00"), one.dueAt(cst("2025-12-31T10:00")));
        // 31 Dec 17:00 UTC is already 1 January in Beijing, a holiday; Sunday 4 January is the working day.
        assertEquals(cst("2026-01-05T00:00"), one.dueAt(Instant.parse("2025-12-31T17:00:00Z")));
    }

    @Test
    void unusableSettings_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkingDays(0, Set.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new WorkingDays(16, Set.of(), Set.of()));
        // A make-up working day must be a weekend day, and not a holiday too.
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingDays(15, Set.of(), Set.of(LocalDate.parse("2026-01-05"))));
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingDays(15, Set.of(LocalDate.parse("2026-01-04")), Set.of(LocalDate.parse("2026-01-04"))));
        assertEquals(1, new WorkingDays(1, Set.of(), Set.of()).count());
        assertEquals(15, FIFTEEN.count());
    }

    @Test
    void holidayCheck_isPerYear() {
        WorkingDays w = new WorkingDays(15, Set.of(LocalDate.parse("2026-01-01")), Set.of());
        assertTrue(w.hasHolidaysIn(2026));
        assertFalse(w.hasHolidaysIn(2027));
        assertFalse(FIFTEEN.hasHolidaysIn(2026));
    }

    @Test
    void settings_areReadFromConfiguration_defaultsFifteenAndNoHolidays() throws Exception {
        URL properties = getClass().getClassLoader().getResource("application.properties");
        ComplaintsConfig defaults = new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250)).withMapping(ComplaintsConfig.class).build()
                .getConfigMapping(ComplaintsConfig.class);
        assertEquals(15, defaults.answerWithinWorkingDays());
        assertTrue(defaults.holidays().isEmpty());
        assertTrue(defaults.extraWorkingDays().isEmpty());

        ComplaintsConfig set = new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(Map.of("gateway.complaints.answer-within-working-days", "10",
                        "gateway.complaints.holidays", "2026-01-01,2026-01-02",
                        "gateway.complaints.extra-working-days", "2026-01-04"), "operator", 300))
                .withMapping(ComplaintsConfig.class).build().getConfigMapping(ComplaintsConfig.class);
        WorkingDays w = WorkingDays.of(set);
        assertEquals(10, w.count());
        assertEquals(Set.copyOf(List.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-02"))), w.holidays());
        assertEquals(Set.of(LocalDate.parse("2026-01-04")), w.extraWorkingDays());
    }
}
