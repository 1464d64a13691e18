package org.furnacewatch.detect;

import java.util.Arrays;
import org.furnacewatch.calendar.DayTypes;

/**
 * Whether a window's quarter hours are the last day of the same type's, times one factor: a plant
 * whose whole load was multiplied, its lunch break and shift changes deepened with it. Read where
 * the lenient furnace screen sees something like heats in a risen load: a break at the same
 * quarter hours as the day before is the plant's timetable, not a tap. Heats added to a load swing
 * the factor between their top and their dips, wherever they fall in the day.
 *
 * <p>One per engine (it keeps a scratch array); reads the slot ring, never writes; no allocation.
 */
final class LastDayTimes {
  private final DayTypes days;
  private final double[] factors = new double[64];

  /** Days back the last day of the same type may lie (a weekend between two working days). */
  private static final int MAX_DAYS_BACK = 3;
  /** A quarter hour's factor within this ratio of the window's median is the same factor. */
  static final double SAME_FACTOR = 1.3;
  /** Quarter hours off the median factor the window may hold: a row a meter rounds oddly. */
  private static final int OFF_ALLOWED = 1;

  LastDayTimes(DayTypes days) {
    this.days = days;
  }

  /**
   * @param last the window's last slot
   * @param slots the window's length in slots (at most 64)
   * @param oldestSlot the oldest slot the ring holds; slots at or before it are not read
   */
  boolean holds(int[] wh, byte[] counts, int need, int base, int mask, int last, int slots,
      int oldestSlot) {
    long today = Math.floorDiv(last, DetectionEngine.SLOTS_PER_DAY);
    boolean working = days.isWorkingDay(today);
    int back = 1;
    while (back <= MAX_DAYS_BACK && days.isWorkingDay(today - back) != working) {
      back++;
    }
    int shift = back * DetectionEngine.SLOTS_PER_DAY;
    int first = last - slots + 1;
    if (back > MAX_DAYS_BACK || first - shift <= oldestSlot) {
      return false;
    }
    int n = 0;
    for (int t = first; t <= last; t++) {
      int now = FurnaceCycleDetector.complete(wh, counts, need, base + (t & mask));
      int then = FurnaceCycleDetector.complete(wh, counts, need, base + ((t - shift) & mask));
      if (now != DailyFeatures.MISSING && then != DailyFeatures.MISSING && then > 0) {
        factors[n++] = (double) now / then;
      }
    }
    if (4 * n < 3 * slots) {
      return false; // (too few quarter hours to tell a timetable from taps)
    }
    Arrays.sort(factors, 0, n);
    double median = factors[n / 2];
    int off = 0;
    for (int i = 0; i < n; i++) {
      if (factors[i] > SAME_FACTOR * median || factors[i] * SAME_FACTOR < median) {
        off++;
      }
    }
    return off <= OFF_ALLOWED;
  }
}
