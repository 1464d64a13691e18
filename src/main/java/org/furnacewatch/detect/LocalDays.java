package org.furnacewatch.detect;

/**
 * Civil-calendar arithmetic on epoch days without java.time (H. Hinnant, "chrono-compatible
 * low-level date algorithms"), for month boundaries on the per-day path.
 */
final class LocalDays {
  private LocalDays() {}

  /** year x 12 + (month - 1) of an epoch day. */
  static int monthIndex(long epochDay) {
    long z = epochDay + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    return (int) (y * 12 + m - 1);
  }

  /** Epoch day of the first day of a month index. */
  static long firstDayOfMonth(int monthIndex) {
    long y = Math.floorDiv(monthIndex, 12);
    long m = Math.floorMod(monthIndex, 12) + 1;
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  static int daysInMonth(int monthIndex) {
    return (int) (firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex));
  }
}
