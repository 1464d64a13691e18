package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

/**
 * What legal steel's own recent days say about its quiet hours, read from the slot ring: whether
 * the hours a furnace's heats ran in were all but idle on the two days before, and whether the
 * mill rested at all lately. Used by {@link FurnaceRule} where a furnace added to a steel plant
 * is told from the mill's own machines by heats in the hours the mill is otherwise quiet.
 * Placed on an enterprise's ring by {@link #at} before each judgement; nothing allocates.
 */
final class SteelRestReads {
  private static final int SLOTS_PER_DAY = DetectionEngine.SLOTS_PER_DAY;
  /** How far back legal steel must have rested: a furnace's first night and the evening before. */
  private static final int RESTED_SLOTS = 36 * 4;

  private final DayTypes days;
  private int[] wh;
  private byte[] counts;
  private int need;
  private int base;
  private int mask;
  /** The oldest slot the ring still holds: older hours are not known to be idle. */
  private int oldestSlot;

  SteelRestReads(DayTypes days) {
    this.days = days;
  }

  void at(int[] wh, byte[] counts, int need, int base, int mask, int oldestSlot) {
    this.wh = wh;
    this.counts = counts;
    this.need = need;
    this.base = base;
    this.mask = mask;
    this.oldestSlot = oldestSlot;
  }

  /**
   * Of the flat-topped heat hours given (a 24-bit mask, never seen cycling), those the plant spent
   * all but idle (below a third of the heat) on each of the two days before, and whose learned
   * level is below a third of the heat (on a rest day, its working days' level as well). A plant
   * whose nights are sometimes worked has a wide spread there, which hides a furnace added on the
   * nights it now rests; its last two days say it rests them. s: the window's end.
   */
  int idleLately(int e, int hours, double heatKw, int s, HourlyBaseline b, int warmupDays) {
    if (b.days(e, 0) < warmupDays) {
      return 0;
    }
    boolean restKnown = b.restWarm(e, warmupDays);
    int idle = 0;
    for (int bits = hours; bits != 0; bits &= bits - 1) {
      int h = Integer.numberOfTrailingZeros(bits);
      // (on a rest day, an hour the mill works on working days too: a holiday it works is its
      // own work there, whatever its rest days' level)
      boolean rest = restKnown && restDayHour(h, s);
      if (b.mean(e, 0, h) * 3 < heatKw && (!rest || b.mean(e, 1, h) * 3 < heatKw)
          && idleOn(hourStart(h, s) - SLOTS_PER_DAY, heatKw)
          && idleOn(hourStart(h, s) - 2 * SLOTS_PER_DAY, heatKw)) {
        idle |= 1 << h;
      }
    }
    return idle;
  }

  /**
   * Whether two neighbouring hours of the plant's usually idle ones (learned level at most a
   * quarter of its busiest) in the 36 hours to slot s ran at most twice their learned level. A
   * furnace added to a mill leaves the mill's idle hours idle around its runs (the evening before
   * its first night at least); a mill working round the clock (a campaign after a long holiday)
   * raises them all, and its own heats fill its quiet hours.
   */
  boolean restedLately(int e, int s, HourlyBaseline b, int warmupDays) {
    double busiest = 0;
    for (int h = 0; h < HourlyBaseline.HOURS; h++) {
      busiest = Math.max(busiest, b.mean(e, 0, h));
    }
    boolean restKnown = b.restWarm(e, warmupDays);
    int run = 0;
    for (int first = s - 3; first > s - RESTED_SLOTS; first -= 4) {
      int day = Math.floorDiv(first, SLOTS_PER_DAY);
      int h = Math.floorMod(first, SLOTS_PER_DAY) / 4;
      int type = restKnown && !days.isWorkingDay(day) ? 1 : 0;
      double level = b.mean(e, type, h);
      boolean rested = level <= 0.25 * busiest && first >= oldestSlot
          && hourKw(first) <= 2 * level;
      run = rested ? run + 1 : 0;
      if (run == 2) {
        return true; // (two hours: a lunch break is one)
      }
    }
    return false;
  }

  /** Whether local hour h of the eight-hour window ending at slot s falls on a rest day. */
  boolean restDayHour(int h, int s) {
    return !days.isWorkingDay(Math.floorDiv(hourStart(h, s), SLOTS_PER_DAY));
  }

  private double hourKw(int first) {
    return hourKw(wh, counts, need, base, mask, first);
  }

  /** The mean kW of the hour from slot first (NaN unless two of its rows are complete). */
  static double hourKw(int[] wh, byte[] counts, int need, int base, int mask, int first) {
    long sum = 0;
    int n = 0;
    for (int t = first; t < first + 4; t++) {
      int v = FurnaceCycleDetector.complete(wh, counts, need, base + (t & mask));
      if (v != DailyFeatures.MISSING) {
        sum += v;
        n++;
      }
    }
    return n >= 2 ? sum / (double) n / 250 : Double.NaN; // (Wh a slot: kW x 250)
  }

  /** Whether the hour from slot first, still in the ring, ran below a third of the heat. */
  private boolean idleOn(int first, double heatKw) {
    return first >= oldestSlot && hourKw(first) < heatKw / 3;
  }

  /** The first slot of local hour h in the eight-hour window ending at slot s. */
  private static int hourStart(int h, int s) {
    int day = Math.floorDiv(s, SLOTS_PER_DAY);
    int newestHour = Math.floorMod(s, SLOTS_PER_DAY) / 4;
    return (h <= newestHour ? day : day - 1) * SLOTS_PER_DAY + h * 4;
  }
}
