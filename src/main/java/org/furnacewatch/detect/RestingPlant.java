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
    // Where no rest-day hour of the window has a usual level that could hide a heat, a heat
    // shows above it in the first reading: most rest days of most plants end here, unread.
    boolean couldHideAny = false;
    for (int end = s; end > s - window && !couldHideAny; end -= 4) {
      boolean rest = Math.floorDiv(end, SLOTS_PER_DAY) == day || dayBeforeRests;
      couldHideAny = rest
          && b.mean(e, type, Math.floorMod(end >> 2, HourlyBaseline.HOURS)) * 250 >= hidingWh;
    }
    if (!couldHideAny) {
      return false;
    }
    int restSlots = 0;
    int below = 0;
    int atFloor = 0;
    // hour by hour (windows end at an hour end): the day type and the learned level once an hour
    for (int end = s; end > s - window; end -= 4) {
      if (Math.floorDiv(end, SLOTS_PER_DAY) != day && !dayBeforeRests) {
        continue;
      }
      double usualWh = b.mean(e, type, Math.floorMod(end >> 2, HourlyBaseline.HOURS)) * 250;
      boolean couldHide = usualWh >= hidingWh;
      for (int i = end - 3; i <= end; i++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + (i & mask));
        if (v == DailyFeatures.MISSING) {
          continue;
        }
        restSlots++;
        if (v < RESTING_SHARE * usualWh) {
          below++;
        }
        if (couldHide && v < FLOOR_SHARE * usualWh) {
          atFloor++;
        }
      }
    }
    // mostly below its usual level, or, a furnace above it, its taps down at the plant's floor
    return restSlots >= window * 3 / 4 && (below * 4 >= restSlots * 3 || atFloor >= 2);
  }

  /** The share of its usual level a resting plant stays below. */
  private static final double RESTING_SHARE = 0.8;
  /** Below this share of its usual level a plant is at its floor: at work it never is (a lunch break is half). */
  private static final double FLOOR_SHARE = 0.3;
}
