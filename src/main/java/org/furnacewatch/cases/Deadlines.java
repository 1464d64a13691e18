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

    /** 停产停业整顿: the seeds set no period; 3 months by default, like 限时拆除. */
    public static final int SAFETY_STOP_MONTHS = 3;
    /** 行政处罚法第六十七条: a fine is paid within 15 days of the decision; after that it is 逾期不履行. */
    public static final int PENALTY_PAYMENT_DAYS = 15;
    /**
     * A tip-off is verified within this many working days: the seeds require every tip-off be checked (有举报必查)
     * without a period; 12345 practice is 5 working days for the handling unit's first answer.
     */
    public static final int VERIFICATION_WORKING_DAYS = 5;

    private Deadlines() {}

    /** {@code days} working days after {@code from} (the Chinese calendar: holidays rest, 调休 make-up days work). */
    public static LocalDate afterWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        for (int n = 0; n < days; ) {
            d = d.plusDays(1);
            if (WorkingCalendar.current().isWorkingDay(d)) n++;
        }
        return d;
    }

    /** {@code days} working days before {@code to}. */
    public static LocalDate beforeWorkingDays(LocalDate to, int days) {
        LocalDate d = to;
        for (int n = 0; n < days; ) {
            d = d.minusDays(1);
            if (WorkingCalendar.current().isWorkingDay(d)) n++;
        }
        return d;
    }

    /** The first working day on or after {@code d}. */
    public static LocalDate workingDayOnOrAfter(LocalDate d) {
        for (int i = 0; i < 30 && !WorkingCalendar.current().isWorkingDay(d); i++) d = d.plusDays(1);
        return d;
    }

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
