package org.furnacewatch.detect;

import java.util.Arrays;

/**
 * FURNACE_SIGNATURE: furnace-like cycling ({@link FurnaceCycleDetector}) that is new for this
 * enterprise and not covered by its licence.
 *
 * <p>Many legal loads cycle: cold-store compressors, water-works pumps, a licensed foundry's own
 * heats. What they have in common is that they always did. So each enterprise keeps a short
 * history of the cycling it has shown on learned days (the largest heat kW, and the local hours in
 * which heats ran; 12 bytes), and only cycling clearly larger than that, or at hours it never
 * cycled, is judged. A licensed furnace covers heats up to its kW x tolerance at its usual hours
 * (a second, unlicensed furnace run at night beside a licensed day-shift one is new by hour; run
 * together with it, new by size).
 */
final class FurnaceRule {
  /** Days of learned cycling before its hours are known well enough to call other hours new. */
  private static final int MIN_CYCLING_DAYS = 5;
  private final FurnaceCycleDetector detector = new FurnaceCycleDetector();
  private float[] cycleKw = new float[0];
  private int[] cycleHours = new int[0];
  private int[] historyDays = new int[0];
  private byte[] cyclingDays = new byte[0];

  /** Heat kW above the window floor, from the last positive {@link #judge}. */
  double heatKw;
  /** Local hours of the last judged heats not seen cycling before. */
  int newHours;

  void ensureCapacity(int enterprises) {
    if (historyDays.length >= enterprises) {
      return;
    }
    cycleKw = Arrays.copyOf(cycleKw, enterprises);
    cycleHours = Arrays.copyOf(cycleHours, enterprises);
    historyDays = Arrays.copyOf(historyDays, enterprises);
    cyclingDays = Arrays.copyOf(cyclingDays, enterprises);
  }

  static int bytesPerEnterprise() {
    return 13;
  }

  FurnaceCycleDetector detector() {
    return detector;
  }

  void reset(int e) {
    cycleKw[e] = 0;
    cycleHours[e] = 0;
    historyDays[e] = 0;
    cyclingDays[e] = 0;
  }

  double learnedCycleKw(int e) {
    return cycleKw[e];
  }

  /** Teaches the cycling seen on local day d (windows every four hours). */
  void learnDay(int e, int[] wh, byte[] counts, int need, int base, int mask, int d,
      DetectionProfile.Furnace p) {
    int dayEnd = (d + 1) * DetectionEngine.SLOTS_PER_DAY - 1;
    boolean cycled = false;
    for (int end = dayEnd; end > dayEnd - DetectionEngine.SLOTS_PER_DAY; end -= 16) {
      if (detector.screen(wh, counts, need, base, mask, end, p)) {
        cycleKw[e] = Math.max(cycleKw[e], (float) (detector.plateauKw - detector.baseKw));
        cycleHours[e] |= detector.heatHours;
        cycled = true;
      }
    }
    historyDays[e]++;
    if (cycled && cyclingDays[e] < Byte.MAX_VALUE) {
      cyclingDays[e]++;
    }
  }

  /**
   * Judges the window ending at slot s (an hour end).
   *
   * @return true if it shows new, unlicensed furnace cycling (detector fields describe it)
   */
  boolean judge(int e, int[] wh, byte[] counts, int need, int base, int mask, int s,
      EnterpriseContext c,
      DetectionProfile.Furnace p) {
    if (historyDays[e] < p.historyDays()) {
      return false;
    }
    for (int k = p.confirmEvaluations() - 1; k >= 1; k--) {
      if (!detector.screen(wh, counts, need, base, mask, s - 4 * k, p)) {
        return false;
      }
    }
    if (!detector.screen(wh, counts, need, base, mask, s, p)) {
      return false;
    }
    heatKw = detector.plateauKw - detector.baseKw;
    // Hours it cycled in, widened by an hour either side: heats start a little earlier or later.
    int h = cycleHours[e];
    int usual = h | ((h << 1) | (h >>> 23)) & 0xFFFFFF | ((h >>> 1) | (h << 23)) & 0xFFFFFF;
    newHours = detector.heatHours & ~usual;
    boolean newByHour = cyclingDays[e] >= MIN_CYCLING_DAYS && Integer.bitCount(newHours) >= 3;
    boolean newBySize = heatKw > p.noveltyRatio() * cycleKw[e];
    if (!newByHour && !newBySize) {
      return false; // it has always cycled like this
    }
    double licensed = c.licensedFurnaceKw();
    if (licensed > 0 && heatKw <= licensed * p.licensedTolerance() && !newByHour) {
      return false; // the licensed furnace at its usual hours
    }
    double cap = c.capacityKva();
    return c.unlicensedFurnaceKw() > 0 || !(cap > 0)
        || detector.plateauKw >= p.minCapacityShare() * cap * 0.9;
  }
}
