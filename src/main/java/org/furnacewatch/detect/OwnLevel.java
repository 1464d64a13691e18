package org.furnacewatch.detect;

/**
 * A site's load above its own level, read around each reading, for the furnace screen. A new
 * account melting from its first days, or a plant watched since a holiday, has no working-day
 * baseline to subtract, and a furnace run on top of its working day reads as one long run in the
 * raw load: its taps fall to the plant's level, never to the night's. Around each slot, the
 * lowest reading within a heat's length before it and the lowest within a heat's length after
 * it: a slot of a furnace run has a tap on both sides, so the higher of the two is the plant's
 * own level beneath it. A step in the plant's own load (the morning start, lunch, the evening
 * stop) has a low side only, and the higher side is the plant at its new level: no heat is made
 * of it. A block of the plant's own work shorter than two reaches between two lower levels does
 * read as one heat (a cycle takes three).
 *
 * <p>Not thread-safe (a scratch window); allocates nothing.
 */
final class OwnLevel {
  /** Slots either side: the longest heat (maxHeatSlots, 105 minutes) has a tap within it. */
  static final int REACH = 7;
  private final int[] raw = new int[64 + REACH];
  /** The mean level read beneath the known slots of the last {@link #subtract}, in kW. */
  private double meanLevelKw;

  /**
   * Writes into out[i] the load of slot first + i above its own level, for i in [0, span) (MISSING
   * where the slot is); the REACH slots before first are read too. The newest slots, with fewer
   * than REACH after them, are read against the slots before them only.
   */
  void subtract(int[] wh, byte[] counts, int need, int base, int mask, int first, int span,
      int[] out) {
    for (int i = 0; i < span + REACH; i++) {
      raw[i] = FurnaceCycleDetector.complete(wh, counts, need, base + ((first - REACH + i) & mask));
    }
    int newest = span + REACH - 1;
    long levelSum = 0;
    int known = 0;
    for (int i = 0; i < span; i++) {
      int at = i + REACH;
      int v = raw[at];
      if (v == DailyFeatures.MISSING) {
        out[i] = v;
        continue;
      }
      int level = lowest(at - REACH, at);
      if (at + REACH <= newest) {
        level = Math.max(level, lowest(at, at + REACH));
      }
      out[i] = v - level;
      levelSum += level;
      known++;
    }
    meanLevelKw = known == 0 ? 0 : levelSum * 0.004 / known;
  }

  /** The mean level beneath the known slots of the last window read, in kW. */
  double meanLevelKw() {
    return meanLevelKw;
  }

  /** The lowest known reading of raw[from..to] (the slot itself is one of them). */
  private int lowest(int from, int to) {
    int low = Integer.MAX_VALUE;
    for (int k = from; k <= to; k++) {
      if (raw[k] != DailyFeatures.MISSING && raw[k] < low) {
        low = raw[k];
      }
    }
    return low;
  }
}
