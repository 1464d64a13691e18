package org.furnacewatch.calendar;

import java.time.LocalDate;

/**
 * The Chinese working calendar as data: one byte per local date (working day, weekend, statutory holiday with its
 * bridging rest days 法定节假日/调休放假, make-up working day 调休上班), immutable. Built by {@link WorkingCalendar} from
 * the calendar file and the years an admin stored; {@code detect} receives it as a value and does no I/O.
 *
 * <p>A lookup is a bounds check and one byte read per epoch day; outside the years it covers only weekends rest.
 */
public final class DayTypes {
  public static final byte WORKDAY = 0;
  public static final byte WEEKEND = 1;
  public static final byte HOLIDAY = 2;
  public static final byte MAKEUP_WORKDAY = 3;

  private static final DayTypes WEEKENDS_ONLY = new DayTypes(0, new byte[0], new byte[0], new String[] {null});

  private final long firstDay;
  private final byte[] types;
  /** Per day: index into {@link #names} of the festival a holiday or make-up day belongs to, 0 for none. */
  private final byte[] festival;
  private final String[] names;

  DayTypes(long firstDay, byte[] types, byte[] festival, String[] names) {
    this.firstDay = firstDay;
    this.types = types;
    this.festival = festival;
    this.names = names;
  }

  /** A calendar without holidays: Monday to Friday work. For tests of parts that do not care. */
  public static DayTypes weekendsOnly() {
    return WEEKENDS_ONLY;
  }

  /** One of {@link #WORKDAY}, {@link #WEEKEND}, {@link #HOLIDAY}, {@link #MAKEUP_WORKDAY}. */
  public byte type(long epochDay) {
    long i = epochDay - firstDay;
    if (i >= 0 && i < types.length) {
      return types[(int) i];
    }
    // 1970-01-01 was a Thursday: (epochDay + 3) mod 7 is 0 for Monday.
    return Math.floorMod(epochDay + 3, 7) < 5 ? WORKDAY : WEEKEND;
  }

  /** Monday-Friday that is no holiday, or a make-up day. */
  public boolean isWorkingDay(long epochDay) {
    byte t = type(epochDay);
    return t == WORKDAY || t == MAKEUP_WORKDAY;
  }

  /** A statutory holiday or one of its bridging rest days. */
  public boolean isHoliday(long epochDay) {
    return type(epochDay) == HOLIDAY;
  }

  /** A weekend day on which people work to make up for a holiday. */
  public boolean isMakeUpWorkday(long epochDay) {
    return type(epochDay) == MAKEUP_WORKDAY;
  }

  public byte type(LocalDate date) {
    return type(date.toEpochDay());
  }

  public boolean isWorkingDay(LocalDate date) {
    return isWorkingDay(date.toEpochDay());
  }

  public boolean isHoliday(LocalDate date) {
    return isHoliday(date.toEpochDay());
  }

  public boolean isMakeUpWorkday(LocalDate date) {
    return isMakeUpWorkday(date.toEpochDay());
  }

  /** The festival (e.g. "春节") a holiday or make-up day belongs to, or null. */
  public String festival(LocalDate date) {
    return festival(date.toEpochDay());
  }

  /** The same by epoch day, for detection, which counts days and allocates nothing. */
  public String festival(long epochDay) {
    long i = epochDay - firstDay;
    return i >= 0 && i < festival.length ? names[festival[(int) i]] : null;
  }

  /** Whether a day of the Spring Festival (春节) holiday lies between the two epoch days, both included. */
  public boolean springFestivalBetween(long fromDay, long toDay) {
    for (long d = fromDay; d <= toDay; d++) {
      if (isHoliday(d) && SPRING_FESTIVAL.equals(festival(d))) {
        return true;
      }
    }
    return false;
  }

  private static final String SPRING_FESTIVAL = "春节";
}
