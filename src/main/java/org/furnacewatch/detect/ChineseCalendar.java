package org.furnacewatch.detect;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Chinese statutory holidays (法定节假日, with the bridging rest days of 放假调休) and make-up working
 * days (调休上班) for 2017-2027, from the State Council General Office's yearly notices
 * (国务院办公厅关于某年部分节假日安排的通知). Holidays and make-up days are not anomalies: the
 * baselines treat holidays like weekends and make-up days like weekdays, and the alert escalation
 * code reuses {@link #isWorkingDay} for working hours.
 *
 * <p>2027 is PROVISIONAL: its notice was not yet published when this table was written, so it
 * lists the statutory days by the lunar calendar (Spring Festival 2027-02-06) with the customary
 * bridging, and no make-up days. Replace it when the notice appears.
 *
 * <p>Lookups are a bounds check and one byte read per epoch day; outside 2016-12 .. 2027-12 only
 * weekends count as rest days.
 */
public final class ChineseCalendar {
  private static final byte HOLIDAY = 1;
  private static final byte MAKE_UP = 2;
  private static final long FIRST_DAY = LocalDate.of(2016, 12, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(2027, 12, 31).toEpochDay();
  private static final byte[] FLAGS = new byte[(int) (LAST_DAY - FIRST_DAY + 1)];

  // Each row: holiday ranges "from..to" and make-up days "+date", per the year's notice.
  private static final String[] TABLE = {
    // 2017 (国办发明电〔2016〕17号)
    "2016-12-31..2017-01-02", "2017-01-27..2017-02-02", "+2017-01-22", "+2017-02-04",
    "2017-04-02..2017-04-04", "+2017-04-01", "2017-04-29..2017-05-01", "2017-05-28..2017-05-30",
    "+2017-05-27", "2017-10-01..2017-10-08", "+2017-09-30",
    // 2018
    "2017-12-30..2018-01-01", "2018-02-15..2018-02-21", "+2018-02-11", "+2018-02-24",
    "2018-04-05..2018-04-07", "+2018-04-08", "2018-04-29..2018-05-01", "+2018-04-28",
    "2018-06-16..2018-06-18", "2018-09-22..2018-09-24", "2018-10-01..2018-10-07", "+2018-09-29",
    "+2018-09-30", "2018-12-30..2019-01-01", "+2018-12-29",
    // 2019
    "2019-02-04..2019-02-10", "+2019-02-02", "+2019-02-03", "2019-04-05..2019-04-07",
    "2019-05-01..2019-05-04", "+2019-04-28", "+2019-05-05", "2019-06-07..2019-06-09",
    "2019-09-13..2019-09-15", "2019-10-01..2019-10-07", "+2019-09-29", "+2019-10-12",
    // 2020 (Spring Festival extended to 02-02 by 国办发明电〔2020〕1号; the 02-01 make-up day lapsed)
    "2020-01-01..2020-01-01", "2020-01-24..2020-02-02", "+2020-01-19", "2020-04-04..2020-04-06",
    "2020-05-01..2020-05-05", "+2020-04-26", "+2020-05-09", "2020-06-25..2020-06-27",
    "+2020-06-28", "2020-10-01..2020-10-08", "+2020-09-27", "+2020-10-10",
    // 2021
    "2021-01-01..2021-01-03", "2021-02-11..2021-02-17", "+2021-02-07", "+2021-02-20",
    "2021-04-03..2021-04-05", "2021-05-01..2021-05-05", "+2021-04-25", "+2021-05-08",
    "2021-06-12..2021-06-14", "2021-09-19..2021-09-21", "+2021-09-18", "2021-10-01..2021-10-07",
    "+2021-09-26", "+2021-10-09",
    // 2022
    "2022-01-01..2022-01-03", "2022-01-31..2022-02-06", "+2022-01-29", "+2022-01-30",
    "2022-04-03..2022-04-05", "+2022-04-02", "2022-04-30..2022-05-04", "+2022-04-24",
    "+2022-05-07", "2022-06-03..2022-06-05", "2022-09-10..2022-09-12", "2022-10-01..2022-10-07",
    "+2022-10-08", "+2022-10-09", "2022-12-31..2023-01-02",
    // 2023
    "2023-01-21..2023-01-27", "+2023-01-28", "+2023-01-29", "2023-04-05..2023-04-05",
    "2023-04-29..2023-05-03", "+2023-04-23", "+2023-05-06", "2023-06-22..2023-06-24",
    "+2023-06-25", "2023-09-29..2023-10-06", "+2023-10-07", "+2023-10-08",
    "2023-12-30..2024-01-01",
    // 2024
    "2024-02-10..2024-02-17", "+2024-02-04", "+2024-02-18", "2024-04-04..2024-04-06",
    "+2024-04-07", "2024-05-01..2024-05-05", "+2024-04-28", "+2024-05-11",
    "2024-06-08..2024-06-10", "2024-09-15..2024-09-17", "+2024-09-14", "2024-10-01..2024-10-07",
    "+2024-09-29", "+2024-10-12",
    // 2025 (Spring Festival gains New Year's Eve, Labour Day 2 days: 国务院令第795号)
    "2025-01-01..2025-01-01", "2025-01-28..2025-02-04", "+2025-01-26", "+2025-02-08",
    "2025-04-04..2025-04-06", "2025-05-01..2025-05-05", "+2025-04-27",
    "2025-05-31..2025-06-02", "2025-10-01..2025-10-08", "+2025-09-28", "+2025-10-11",
    // 2026 (国办发明电〔2025〕7号)
    "2026-01-01..2026-01-03", "+2026-01-04", "2026-02-15..2026-02-23", "+2026-02-14",
    "+2026-02-28", "2026-04-04..2026-04-06", "2026-05-01..2026-05-05", "+2026-05-09",
    "2026-06-19..2026-06-21", "2026-09-25..2026-09-27", "2026-10-01..2026-10-07",
    "+2026-09-20", "+2026-10-10",
    // 2027 PROVISIONAL (statutory days by lunar dates; no make-up days known)
    "2027-01-01..2027-01-03", "2027-02-05..2027-02-11", "2027-04-03..2027-04-05",
    "2027-05-01..2027-05-05", "2027-06-09..2027-06-11", "2027-09-15..2027-09-17",
    "2027-10-01..2027-10-07",
  };

  static {
    for (String row : TABLE) {
      if (row.charAt(0) == '+') {
        mark(LocalDate.parse(row.substring(1)).toEpochDay(), MAKE_UP);
      } else {
        long from = LocalDate.parse(row.substring(0, 10)).toEpochDay();
        long to = LocalDate.parse(row.substring(12)).toEpochDay();
        for (long d = from; d <= to; d++) {
          mark(d, HOLIDAY);
        }
      }
    }
  }

  private ChineseCalendar() {}

  private static void mark(long epochDay, byte flag) {
    FLAGS[(int) (epochDay - FIRST_DAY)] |= flag;
  }

  private static int flags(long epochDay) {
    return (epochDay < FIRST_DAY || epochDay > LAST_DAY) ? 0 : FLAGS[(int) (epochDay - FIRST_DAY)];
  }

  /** A statutory holiday or one of its bridging rest days. */
  public static boolean isHoliday(long epochDay) {
    return (flags(epochDay) & HOLIDAY) != 0;
  }

  /** A weekend day on which people work to make up for a holiday (调休上班). */
  public static boolean isMakeUpWorkday(long epochDay) {
    return (flags(epochDay) & MAKE_UP) != 0;
  }

  /** Monday-Friday that is no holiday, or a make-up day. */
  public static boolean isWorkingDay(long epochDay) {
    int f = flags(epochDay);
    if ((f & MAKE_UP) != 0) {
      return true;
    }
    // 1970-01-01 was a Thursday: (epochDay + 3) mod 7 is 0 for Monday.
    return (f & HOLIDAY) == 0 && Math.floorMod(epochDay + 3, 7) < 5;
  }

  public static boolean isHoliday(LocalDate date) {
    return isHoliday(date.toEpochDay());
  }

  public static boolean isMakeUpWorkday(LocalDate date) {
    return isMakeUpWorkday(date.toEpochDay());
  }

  public static boolean isWorkingDay(LocalDate date) {
    boolean w = isWorkingDay(date.toEpochDay());
    assert w == (isMakeUpWorkday(date) || (!isHoliday(date)
        && date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY));
    return w;
  }
}
