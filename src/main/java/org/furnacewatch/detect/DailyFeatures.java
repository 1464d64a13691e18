package org.furnacewatch.detect;

/**
 * Features of one local day of 96 fifteen-minute slots, read straight from an enterprise's slot
 * ring (watt-hours as int, {@link #MISSING} where no reading arrived).
 *
 * <p>Missing data is not zero consumption: sums cover only slots with data, and the kWh estimates
 * scale them by coverage. One pass, integer sums (exact, so the result does not depend on the
 * order readings arrived in), no allocation; the caller owns {@code out}.
 */
public final class DailyFeatures {
  /** Ring value of a slot without any reading. */
  public static final int MISSING = Integer.MIN_VALUE;

  public static final int SLOTS_PER_DAY = 96;

  /** Share of the 96 slots with data, [0, 1]. */
  public static final int COVERAGE = 0;
  /** kWh over covered slots divided by coverage (0 if no coverage). */
  public static final int KWH = 1;
  /** Mean kW over covered slots. */
  public static final int MEAN_KW = 2;
  /** Highest 15-minute kW. */
  public static final int MAX_KW = 3;
  /** Lowest 15-minute kW among covered slots. */
  public static final int MIN_KW = 4;
  /** Coefficient of variation of covered slots (std / mean), 0 if mean is 0. */
  public static final int CV = 5;
  /** Night kWh (night slots with data, scaled by night coverage). */
  public static final int NIGHT_KWH = 6;
  /** Night kWh share of the day's kWh, [0, 1]; 0 if the day used nothing. */
  public static final int NIGHT_SHARE = 7;
  /** mean / max, (0, 1]. */
  public static final int LOAD_FACTOR = 8;
  public static final int COUNT = 9;

  private DailyFeatures() {}

  /**
   * {@link #COVERAGE} and {@link #KWH} alone, as {@link #extract} gives them (the others are left
   * as they are): the engine learns from these two only, once per enterprise and day.
   */
  static void coverageAndKwh(int[] wh, int base, int mask, int firstSlot, double[] out) {
    long sum = 0;
    int covered = 0;
    for (int i = 0; i < SLOTS_PER_DAY; i++) {
      int v = wh[base + ((firstSlot + i) & mask)];
      int ok = v != MISSING ? 1 : 0;
      covered += ok;
      sum += v & -ok;
    }
    double coverage = covered / (double) SLOTS_PER_DAY;
    out[COVERAGE] = coverage;
    out[KWH] = covered == 0 ? 0 : dayKwh(sum, coverage);
  }

  /** The day's kWh from the Wh of its covered slots, scaled up to the whole day. */
  private static double dayKwh(long coveredWh, double coverage) {
    return coveredWh / 1000.0 / coverage;
  }

  /**
   * @param wh slot ring in watt-hours
   * @param base index of slot 0 of this enterprise's ring in {@code wh}
   * @param mask ring length - 1 (a power of two minus one)
   * @param firstSlot absolute local slot number of the day's first slot (day x 96)
   * @param nightStartSlot slot of day at which night starts (e.g. 88 for 22:00)
   * @param nightEndSlot slot of day at which night ends (e.g. 24 for 06:00)
   * @param out receives {@link #COUNT} values
   */
  public static void extract(int[] wh, int base, int mask, int firstSlot, int nightStartSlot,
      int nightEndSlot, double[] out) {
    // Branch-free inner loops (missing slots masked to 0, min via conditional move): a random
    // 10% of missing slots otherwise costs a mispredicted branch per slot.
    long sum = 0;
    long sumSq = 0;
    int covered = 0;
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (int i = 0; i < SLOTS_PER_DAY; i++) {
      int v = wh[base + ((firstSlot + i) & mask)];
      int ok = v != MISSING ? 1 : 0;
      int x = v & -ok;
      covered += ok;
      sum += x;
      sumSq += (long) x * x;
      max = Math.max(max, x);
      min = Math.min(min, ok == 1 ? v : Integer.MAX_VALUE);
    }
    boolean wraps = nightStartSlot > nightEndSlot;
    long night = 0;
    int nightCovered = 0;
    int from = nightStartSlot;
    int to = wraps ? SLOTS_PER_DAY + nightEndSlot : nightEndSlot;
    for (int i = from; i < to; i++) {
      int v = wh[base + ((firstSlot + (i >= SLOTS_PER_DAY ? i - SLOTS_PER_DAY : i)) & mask)];
      int ok = v != MISSING ? 1 : 0;
      nightCovered += ok;
      night += v & -ok;
    }
    int nightSlots = wraps ? SLOTS_PER_DAY - nightStartSlot + nightEndSlot
        : nightEndSlot - nightStartSlot;
    double coverage = covered / (double) SLOTS_PER_DAY;
    out[COVERAGE] = coverage;
    if (covered == 0) {
      for (int k = 1; k < COUNT; k++) {
        out[k] = 0;
      }
      return;
    }
    double meanWh = sum / (double) covered;
    double var = Math.max(0, sumSq / (double) covered - meanWh * meanWh);
    double kwh = dayKwh(sum, coverage);
    double nightKwh = nightCovered == 0 ? 0 : night / 1000.0 * nightSlots / nightCovered;
    out[KWH] = kwh;
    out[MEAN_KW] = meanWh * 4 / 1000.0;
    out[MAX_KW] = max * 4 / 1000.0;
    out[MIN_KW] = min * 4 / 1000.0;
    out[CV] = meanWh > 0 ? Math.sqrt(var) / meanWh : 0;
    out[NIGHT_KWH] = nightKwh;
    out[NIGHT_SHARE] = kwh > 0 ? Math.min(1, nightKwh / kwh) : 0;
    out[LOAD_FACTOR] = max > 0 ? meanWh / max : 0;
  }
}
