package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

/**
 * Whether a plant rests on a rest day it usually works, read from the slot ring against its
 * learned rest-day level. Stateless; nothing allocates.
 */
final class RestingPlant {
  private static final int SLOTS_PER_DAY = DetectionEngine.SLOTS_PER_DAY;

  private final DayTypes days;

  RestingPlant(DayTypes days) {
    this.days = days;
  }

  /**
   * Whether the window ending at s lies on a rest day the plant is not working: most of its slots
   * well below the rest day's learned level, or two of them below {@link #FLOOR_SHARE} of a level
   * that could hide a heat (a furnace's taps falling to the floor of a plant at rest; a plant at
   * work never drops there). Many plants work some Saturdays and not others, so that level is a
   * mixture; a furnace run on a rest day the plant itself rests draws less than the plant at work
   * and vanishes above it. {@link FurnaceRule} reads such a window again on its raw load. A window
   * none of whose rest-day hours has a level that could hide a heat ({@code minPlateauKw}) is not
   * one: a heat shows above that level.
   */
  boolean belowUsual(int[] wh, byte[] counts, int need, int base, int mask, int s,
      HourlyBaseline b, int e, DetectionProfile profile) {
    int warmupDays = profile.general().warmupDays();
    // only where the usual level could hide a heat does it matter whether the plant works
    double hidingWh = profile.furnace().minPlateauKw() * 250;
    int day = Math.floorDiv(s, SLOTS_PER_DAY);
    if (b.days(e, 0) < warmupDays || days.isWorkingDay(day)) {
      return false;
    }
    int type = b.restWarm(e, warmupDays) ? 1 : 0;
    int window = profile.furnace().windowSlots(); // the furnace screen's window
    // The window's hours (windows end at an hour end), newest first, that lie on a rest day: those
    // of this day, or all of them where the day before rests too.
    int hours = (window + 3) >> 2;
    int restHours = !days.isWorkingDay(day - 1) ? hours
        : Math.min(hours, ((s - day * SLOTS_PER_DAY) >> 2) + 1);
    if (4 * restHours < window * 3 / 4) {
      return false; // too few slots on the rest day to tell (a Saturday's first hours after a Friday)
    }
    // Their levels first. Where no rest-day hour of the window has a usual level that could hide
    // a heat, a heat shows above it in the first reading: most rest days of most plants end here,
    // unread.
    boolean couldHideAny = false;
    for (int k = 0, end = s; k < restHours; k++, end -= 4) {
      usualWh[k] = b.mean(e, type, Math.floorMod(end >> 2, HourlyBaseline.HOURS)) * 250;
      couldHideAny |= usualWh[k] >= hidingWh;
    }
    if (!couldHideAny) {
      return false;
    }
    int restSlots = 0;
    int below = 0;
    int atFloor = 0;
    for (int k = 0, end = s; k < restHours; k++, end -= 4) {
      // int bounds a slot compares with, without a branch (v <= bound exactly when v < share x level)
      int belowWh = atMost(RESTING_SHARE * usualWh[k]);
      int floorWh = usualWh[k] >= hidingWh ? atMost(FLOOR_SHARE * usualWh[k]) : Integer.MIN_VALUE;
      for (int i = end - 3; i <= end; i++) {
        int idx = base + (i & mask);
        int v = wh[idx];
        int known = FurnaceCycleDetector.known(wh, counts, need, idx) ? 1 : 0;
        restSlots += known;
        below += known & (v <= belowWh ? 1 : 0);
        atFloor += known & (v <= floorWh ? 1 : 0);
      }
    }
    // mostly below its usual level, or, a furnace above it, its taps down at the plant's floor
    return restSlots >= window * 3 / 4 && (below * 4 >= restSlots * 3 || atFloor >= 2);
  }

  /**
   * The greatest int below x (x rounded up, less one), within the ints: an int other than
   * MIN_VALUE (MISSING, never compared) is at most this exactly when it is below x (NaN: nothing is).
   */
  private static int atMost(double x) {
    long up = Double.isNaN(x) ? Long.MIN_VALUE : (long) Math.ceil(x);
    return up <= Integer.MIN_VALUE ? Integer.MIN_VALUE
        : up > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) (up - 1);
  }

  /** {@link #belowUsual}'s usual Wh per slot, hour by hour of the window, newest first. */
  private final double[] usualWh = new double[HOURS_IN_WINDOW];
  private static final int HOURS_IN_WINDOW = 64 / 4 + 1;

  /** The share of its usual level a resting plant stays below. */
  private static final double RESTING_SHARE = 0.8;
  /** Below this share of its usual level a plant is at its floor: at work it never is (a lunch break is half). */
  private static final double FLOOR_SHARE = 0.3;
}
