package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

/**
 * What the Spring Festival does to levels learned around it, read from the working calendar:
 * plants wind down for weeks before the holiday and come back over weeks after it, each at its own
 * pace, while the district's activity index ({@link ActivityIndex}) follows the median plant on
 * working days. Stateless; read only where a level shift or a furnace is about to be raised.
 */
final class SpringFestivalReturn {
  private final DayTypes days;

  SpringFestivalReturn(DayTypes days) {
    this.days = days;
  }

  /**
   * Whether the epoch day falls in the {@link #REST_LAG_DAYS} days after a Spring Festival
   * holiday: a rest day's level, learned on few days, lags the return that the activity index
   * follows on working days only. A floor risen on a rest day then is the return, not a level
   * shift. Not on the holiday itself: a plant closed for it shows its floor as on a weekend, and a
   * floor multiplied then is a level shift begun in the holiday, plain days before the first
   * working day.
   */
  boolean restLevelsLag(long day) {
    return !holiday(day) && learnedOnTheHolidayAndReturn(day);
  }

  /**
   * Whether the epoch day falls in a Spring Festival holiday or the {@link #REST_LAG_DAYS} days
   * after it: what the watch learned of a plant lately is a holiday and a return at its own pace,
   * not the evenings it sometimes works nor all the hours it cycles in.
   */
  boolean learnedOnTheHolidayAndReturn(long day) {
    return days.springFestivalBetween(day - REST_LAG_DAYS, day);
  }

  /**
   * Whether the enterprise's working-day level was learned only around the festival: its holiday
   * ended within {@link #RETURN_DAYS} days, and the baseline holds no more working days than have
   * passed since {@link #WIND_DOWN_DAYS} before it (a watch or an account begun in the wind-down or
   * on the return). Most plants are back by a week after 元宵; one learned on its way down or back,
   * now at its usual level, would read as a level shift. In those two weeks a level shift is
   * raised only above the district's quick plants, at a plant that kept pace with the district's
   * return ({@link LoadShapeRule}), and never where the level was learned on the return alone.
   */
  boolean levelLearnedAroundIt(HourlyBaseline b, int e, long day) {
    long holidayEnd = holidayEndedWithin(day);
    if (holidayEnd == NONE) {
      return false;
    }
    long from = holidayEnd;
    while (holiday(from - 1)) {
      from--;
    }
    return b.days(e, 0) <= workingDaysBetween(from - WIND_DOWN_DAYS, day);
  }

  /**
   * Whether the enterprise's working-day level was learned only after the holiday (a watch or an
   * account begun on the return): it never saw the district before, so the district's return
   * cannot tell a plant coming back late from one that added a load.
   */
  boolean levelLearnedOnTheReturn(HourlyBaseline b, int e, long day) {
    long holidayEnd = holidayEndedWithin(day);
    return holidayEnd != NONE && b.days(e, 0) <= workingDaysBetween(holidayEnd, day);
  }

  /** The holiday's last day if it ended within {@link #RETURN_DAYS} before the day, else NONE. */
  private long holidayEndedWithin(long day) {
    long holidayEnd = day - 1;
    while (holidayEnd >= day - RETURN_DAYS && !holiday(holidayEnd)) {
      holidayEnd--;
    }
    return holidayEnd < day - RETURN_DAYS ? NONE : holidayEnd;
  }

  private int workingDaysBetween(long from, long to) {
    int workingDays = 0;
    for (long d = from; d < to; d++) {
      if (days.isWorkingDay(d)) {
        workingDays++;
      }
    }
    return workingDays;
  }

  private static final long NONE = Long.MIN_VALUE;

  private boolean holiday(long day) {
    return days.springFestivalBetween(day, day);
  }

  /** Days after the holiday in which a rest day's level still lags the return. */
  private static final int REST_LAG_DAYS = 28;
  /** Days after the holiday over which plants come back: 元宵 and a week. */
  private static final int RETURN_DAYS = 14;
  /** Days before the holiday over which plants wind down for it. */
  private static final int WIND_DOWN_DAYS = 14;
}
