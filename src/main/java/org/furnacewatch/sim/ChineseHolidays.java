package org.furnacewatch.sim;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Chinese statutory holidays (法定节假日) and make-up working days (调休上班) as announced by the State Council
 * (国务院办公厅关于部分节假日安排的通知): 2024 (国办发明电〔2023〕7号), 2025 (〔2024〕12号), 2026 (〔2025〕7号).
 * The 2027 rows are PROVISIONAL (estimated from the lunar calendar and the 2025 rules) until the 2027 notice exists.
 * Outside 2024-2027 only weekends count as rest days.
 */
public final class ChineseHolidays {
    /** What kind of day a date is for an ordinary Monday-Friday employer. */
    public enum DayType { WORKDAY, WEEKEND, HOLIDAY, MAKEUP_WORKDAY }

    private static final Map<LocalDate, String> HOLIDAYS = new HashMap<>();
    private static final Map<LocalDate, String> MAKEUP = new HashMap<>();

    static {
        // 2024
        off("元旦", "2024-01-01", "2024-01-01");
        off("春节", "2024-02-10", "2024-02-17"); work("春节", "2024-02-04", "2024-02-18");
        off("清明节", "2024-04-04", "2024-04-06"); work("清明节", "2024-04-07");
        off("劳动节", "2024-05-01", "2024-05-05"); work("劳动节", "2024-04-28", "2024-05-11");
        off("端午节", "2024-06-10", "2024-06-10");
        off("中秋节", "2024-09-15", "2024-09-17"); work("中秋节", "2024-09-14");
        off("国庆节", "2024-10-01", "2024-10-07"); work("国庆节", "2024-09-29", "2024-10-12");
        // 2025
        off("元旦", "2025-01-01", "2025-01-01");
        off("春节", "2025-01-28", "2025-02-04"); work("春节", "2025-01-26", "2025-02-08");
        off("清明节", "2025-04-04", "2025-04-06");
        off("劳动节", "2025-05-01", "2025-05-05"); work("劳动节", "2025-04-27");
        off("端午节", "2025-05-31", "2025-06-02");
        off("国庆节", "2025-10-01", "2025-10-08"); work("国庆节", "2025-09-28", "2025-10-11"); // 国庆+中秋
        // 2026
        off("元旦", "2026-01-01", "2026-01-03"); work("元旦", "2026-01-04");
        off("春节", "2026-02-15", "2026-02-23"); work("春节", "2026-02-14", "2026-02-28");
        off("清明节", "2026-04-04", "2026-04-06");
        off("劳动节", "2026-05-01", "2026-05-05"); work("劳动节", "2026-05-09");
        off("端午节", "2026-06-19", "2026-06-21");
        off("中秋节", "2026-09-25", "2026-09-27");
        off("国庆节", "2026-10-01", "2026-10-07"); work("国庆节", "2026-09-20", "2026-10-10");
        // 2027 - PROVISIONAL estimate (春节 2027-02-06, 清明 04-05, 端午 06-09, 中秋 09-15)
        off("元旦", "2027-01-01", "2027-01-03");
        off("春节", "2027-02-05", "2027-02-12"); work("春节", "2027-02-20");
        off("清明节", "2027-04-03", "2027-04-05");
        off("劳动节", "2027-05-01", "2027-05-05"); work("劳动节", "2027-04-25");
        off("端午节", "2027-06-09", "2027-06-09");
        off("中秋节", "2027-09-15", "2027-09-15");
        off("国庆节", "2027-10-01", "2027-10-07"); work("国庆节", "2027-09-26", "2027-10-09");
    }

    private ChineseHolidays() {}

    private static void off(String name, String from, String to) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) HOLIDAYS.put(d, name);
    }

    private static void work(String name, String... days) {
        for (String d : days) MAKEUP.put(LocalDate.parse(d), name);
    }

    public static DayType type(LocalDate date) {
        if (HOLIDAYS.containsKey(date)) return DayType.HOLIDAY;
        if (MAKEUP.containsKey(date)) return DayType.MAKEUP_WORKDAY;
        DayOfWeek w = date.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? DayType.WEEKEND : DayType.WORKDAY;
    }

    /** True on a normal weekday that is not a holiday, and on a make-up working day (调休上班). */
    public static boolean isWorkingDay(LocalDate date) {
        DayType t = type(date);
        return t == DayType.WORKDAY || t == DayType.MAKEUP_WORKDAY;
    }

    public static boolean isHoliday(LocalDate date) {
        return HOLIDAYS.containsKey(date);
    }

    /** The festival a holiday or make-up day belongs to (e.g. "春节"), or null. */
    public static String festival(LocalDate date) {
        String h = HOLIDAYS.get(date);
        return h != null ? h : MAKEUP.get(date);
    }

    /**
     * Days from the nearest Spring Festival holiday (0 inside it); factories wind down before and ramp up after it.
     * Returns Integer.MAX_VALUE when no Spring Festival lies within 30 days.
     */
    public static int daysFromSpringFestival(LocalDate date) {
        int best = Integer.MAX_VALUE;
        for (int k = -30; k <= 30; k++) {
            if ("春节".equals(HOLIDAYS.get(date.plusDays(k)))) best = Math.min(best, Math.abs(k));
        }
        return best;
    }
}
