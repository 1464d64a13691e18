package org.furnacewatch.cases;

import org.furnacewatch.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Deadlines are computed from the date of the order, never typed. A deadline that falls on a statutory holiday or
 * weekend moves to the next working day (make-up working days 调休 count as working days), as Chinese legal periods do.
 */
public final class Deadlines {
    /** 限期整改: 6 months (DOMAIN.md; seeds/002, 003, 004 “应在6个月内整改”). */
    public static final int RECTIFICATION_MONTHS = 6;
    /** At most one extension of at most 3 months (“可提出不超过3个月的延期申请”). */
    public static final int MAX_EXTENSION_MONTHS = 3;
    /** 限时拆除: the seeds set no period; the district's policy does (default below). */
    public static final int DEFAULT_DISMANTLE_MONTHS = 3;

    private Deadlines() {}

    public static LocalDate localDate(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    /** The order's local date plus {@code months}, moved off a non-working day. */
    public static LocalDate after(LocalDate orderedOn, int months) {
        LocalDate d = orderedOn.plusMonths(months);
        for (int i = 0; i < 30 && !WorkingCalendar.current().isWorkingDay(d); i++) d = d.plusDays(1);
        return d;
    }
}
