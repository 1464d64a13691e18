package org.furnacewatch.notify;

import org.furnacewatch.calendar.DayTypes;
import org.furnacewatch.calendar.WorkingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Adds a duration to an instant, counted either on the wall clock or in working hours: {@code [start, end)} local
 * time on working days of the Chinese calendar (weekdays that are no statutory holiday, plus make-up working days,
 * 调休上班). An alert raised on the eve of the Spring Festival therefore comes due only after work resumes.
 */
public record WorkingTime(boolean workingHoursOnly, LocalTime start, LocalTime end, ZoneId zone) {
    /** Far enough for any deadline: ten years of days. */
    private static final int MAX_DAYS = 3660;

    public WorkingTime {
        if (workingHoursOnly && !start.isBefore(end)) throw new IllegalArgumentException("working hours must start before they end");
    }

    public static WorkingTime wallClock(ZoneId zone) {
        return new WorkingTime(false, LocalTime.MIN, LocalTime.MAX, zone);
    }

    /** The instant at which {@code amount} of (working) time has passed since {@code from}. */
    public Instant plus(Instant from, Duration amount) {
        if (!workingHoursOnly) return from.plus(amount);
        Duration remaining = amount;
        ZonedDateTime cursor = from.atZone(zone);
        LocalDate day = cursor.toLocalDate();
        DayTypes days = WorkingCalendar.current().days();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!days.isWorkingDay(day)) continue;
            ZonedDateTime open = day.atTime(start).atZone(zone);
            ZonedDateTime close = day.atTime(end).atZone(zone);
            ZonedDateTime begin = cursor.isAfter(open) ? cursor : open;
            if (!begin.isBefore(close)) continue;
            Duration available = Duration.between(begin, close);
            if (remaining.compareTo(available) <= 0) return begin.plus(remaining).toInstant();
            remaining = remaining.minus(available);
        }
        throw new IllegalArgumentException("deadline more than ten years away: " + amount);
    }
}
