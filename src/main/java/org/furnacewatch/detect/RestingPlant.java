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
    boolean dayBeforeRests = !days.isWorkingDay(day - 1);
    // Hour by hour (windows end at an hour end), newest first: the rest-day hours' levels. Where
    // no rest-day hour of the window has a usual level that could hide a heat, a heat shows above
    // it in the first reading: most rest days of most plants end here, unread.
    boolean couldHideAny = false;
    int hours = 0;
    int restHours = 0; // bit k: hour k from the newest lies on a rest day
    for (int end = s; end > s - window; end -= 4, hours++) {
      if (Math.floorDiv(end, SLOTS_PER_DAY) != day && !dayBeforeRests) {
        continue;
      }
      restHours |= 1 << hours;
      usualWh[hours] = b.mean(e, type, Math.floorMod(end >> 2, HourlyBaseline.HOURS)) * 250;
      couldHideAny |= usualWh[hours] >= hidingWh;
    }
    if (!couldHideAny) {
      return false;
    }
    int restSlots = 0;
    int below = 0;
    int atFloor = 0;
    for (int k = 0, end = s; k < hours; k++, end -= 4) {
      if ((restHours >>> k & 1) == 0) {
        continue;
      }
      // bounds a slot's int compares with, without a branch (v < bound exactly when v < share x level)
      long belowWh = bound(RESTING_SHARE * usualWh[k]);
      long floorWh = usualWh[k] >= hidingWh ? bound(FLOOR_SHARE * usualWh[k]) : Long.MIN_VALUE;
      for (int i = end - 3; i <= end; i++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + (i & mask));
        int known = v != DailyFeatures.MISSING ? 1 : 0;
        restSlots += known;
        below += known & (v < belowWh ? 1 : 0);
        atFloor += known & (v < floorWh ? 1 : 0);
      }
    }
    // mostly below its usual level, or, a furnace above it, its taps down at the plant's floor
    return restSlots >= window * 3 / 4 && (below * 4 >= restSlots * 3 || atFloor >= 2);
  }

  /** x rounded up: an int is below x exactly when it is below this (NaN: nothing is). */
  private static long bound(double x) {
    return Double.isNaN(x) ? Long.MIN_VALUE : (long) Math.ceil(x);
  }

  /** {@link #belowUsual}'s usual Wh per slot, hour by hour of the window, newest first. */
  private final double[] usualWh = new double[HOURS_IN_WINDOW];
  private static final int HOURS_IN_WINDOW = 64 / 4 + 1;

  /** The share of its usual level a resting plant stays below. */
  private static final double RESTING_SHARE = 0.8;
  /** Below this share of its usual level a plant is at its floor: at work it never is (a lunch break is half). */
  private static final double FLOOR_SHARE = 0.3;
}
