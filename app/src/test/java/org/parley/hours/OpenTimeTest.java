package org.parley.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenTimeTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aWaitOverNightAndWeekendCountsOnlyTheOpenHours() {
        OpenTime open = new OpenTime(weekdays(8, 17), Set.of(), NEW_YORK);
        // Friday 16:00 to Monday 9:30: one hour on Friday, ninety minutes on Monday
        assertThat(open.between(at(2026, 12, 11, 16, 0), at(2026, 12, 14, 9, 30)))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void aClosedDayCountsNothing() {
        OpenTime open = new OpenTime(weekdays(8, 17), Set.of(LocalDate.of(2026, 11, 26)), NEW_YORK);
        // Thanksgiving Thursday closed: Wednesday 16:30 to Friday 8:30 is half an hour and half an hour
        assertThat(open.between(at(2026, 11, 25, 16, 30), at(2026, 11, 27, 8, 30))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDayTheClocksGoBackIsAnHourLongerByThePracticesClocks() {
        Map<DayOfWeek, LineHours.Span> sundayMornings = new EnumMap<>(DayOfWeek.class);
        sundayMornings.put(DayOfWeek.SUNDAY, new LineHours.Span(LocalTime.MIDNIGHT, LocalTime.NOON));
        OpenTime open = new OpenTime(new LineHours("l", sundayMornings, null, null), Set.of(), NEW_YORK);
        // 1 November 2026: 2 am summer time becomes 1 am, so midnight to noon lasts thirteen hours
        assertThat(open.between(at(2026, 10, 31, 23, 0), at(2026, 11, 1, 13, 0))).isEqualTo(Duration.ofHours(13));
    }

    @Test
    void aLineWithoutOfficeHoursIsAlwaysOpenAndAWaitNotBegunIsZero() {
        OpenTime always = new OpenTime(null, Set.of(), NEW_YORK);
        assertThat(always.between(at(2026, 12, 12, 22, 0), at(2026, 12, 13, 1, 0))).isEqualTo(Duration.ofHours(3));
        assertThat(always.between(at(2026, 12, 13, 1, 0), at(2026, 12, 12, 22, 0))).isZero();
    }

    private static LineHours weekdays(int opens, int closes) {
        Map<DayOfWeek, LineHours.Span> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, new LineHours.Span(LocalTime.of(opens, 0), LocalTime.of(closes, 0)));
            }
        }
        return new LineHours("l", week, null, null);
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant();
    }
}
