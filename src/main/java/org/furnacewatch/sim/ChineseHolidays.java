package org.furnacewatch.sim;

import org.furnacewatch.calendar.DayTypes;
import org.furnacewatch.calendar.WorkingCalendar;

import java.time.LocalDate;

/**
 * The simulator's view of the Chinese working calendar: the shipped calendar file ({@link WorkingCalendar#shipped()},
 * {@code calendar/cn-workdays.json}), the same data detection judges by. The shipped file and not the admin-edited
 * calendar, so a seeded district is the same in every deployment.
 */
public final class ChineseHolidays {
    /** What kind of day a date is for an ordinary Monday-Friday employer. */
    public enum DayType { WORKDAY, WEEKEND, HOLIDAY, MAKEUP_WORKDAY }

    private static final DayTypes DAYS = WorkingCalendar.shipped().days();

    private ChineseHolidays() {}

    public static DayType type(LocalDate date) {
        return switch (DAYS.type(date)) {
            case DayTypes.HOLIDAY -> DayType.HOLIDAY;
            case DayTypes.MAKEUP_WORKDAY -> DayType.MAKEUP_WORKDAY;
            case DayTypes.WEEKEND -> DayType.WEEKEND;
            default -> DayType.WORKDAY;
        };
    }

    /** True on a normal weekday that is not a holiday, and on a make-up working day (调休上班). */
    public static boolean isWorkingDay(LocalDate date) {
        return DAYS.isWorkingDay(date);
    }

    public static boolean isHoliday(LocalDate date) {
        return DAYS.isHoliday(date);
    }

    /** The festival a holiday or make-up day belongs to (e.g. "春节"), or null. */
    public static String festival(LocalDate date) {
        return DAYS.festival(date);
    }

    /**
     * Days from the nearest Spring Festival holiday (0 inside it); factories wind down before and ramp up after it.
     * Returns Integer.MAX_VALUE when no Spring Festival lies within 30 days.
     */
    public static int daysFromSpringFestival(LocalDate date) {
        int best = Integer.MAX_VALUE;
        for (int k = -30; k <= 30; k++) {
            LocalDate d = date.plusDays(k);
            if (DAYS.isHoliday(d) && "春节".equals(DAYS.festival(d))) best = Math.min(best, Math.abs(k));
        }
        return best;
    }
}
