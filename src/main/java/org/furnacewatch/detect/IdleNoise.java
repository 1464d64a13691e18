package org.furnacewatch.detect;

/**
 * The slot-to-slot noise of an enterprise's idle load, relative to its level: the median absolute
 * step between consecutive 15-minute readings in hours it is usually idle, over their mean. It
 * tells a load added on top from a load multiplied when a rest day shows only the floor: a
 * miner's rigs draw the same power every minute and leave the floor's steps as they were (the
 * relative step falls as the level rises), while a plant whose whole load was multiplied
 * multiplies its steps too (the relative step stays). Reuses one buffer; nothing allocates.
 */
final class IdleNoise {
  private final int[] steps = new int[DetectionEngine.SLOTS_PER_DAY];

  /** Steps needed for a median worth reading (three idle hours). */
  static final int MIN_STEPS = 11;

  /**
   * Median absolute step between consecutive complete slots of the given hours from first whose
   * hours (bit k: hour k from first) are both idle, over the mean of those slots; NaN with fewer
   * than {@link #MIN_STEPS} steps or no load.
   *
   * @param first slot starting hour 0 (the first slot of an hour)
   */
  double relativeStep(int[] wh, byte[] counts, int need, int base, int mask, int first, int hours,
      long idleHours) {
    int n = 0;
    long sum = 0;
    int prev = DailyFeatures.MISSING;
    for (int i = 0; i < hours * 4 && n < steps.length; i++) {
      int v = (idleHours & (1L << (i >> 2))) == 0 ? DailyFeatures.MISSING
          : FurnaceCycleDetector.complete(wh, counts, need, base + ((first + i) & mask));
      if (v != DailyFeatures.MISSING && prev != DailyFeatures.MISSING) {
        steps[n++] = Math.abs(v - prev);
        sum += v;
      }
      prev = v;
    }
    if (n < MIN_STEPS || sum <= 0) {
      return Double.NaN;
    }
    int upper = select(steps, n, n / 2);
    double median = (n & 1) == 1 ? upper : 0.5 * (maxBelow(steps, n / 2) + upper);
    return median * n / sum;
  }

  /**
   * The k-th smallest of a[0..n) (Hoare's selection, in place: a[0..k) end up no larger, a[k..n)
   * no smaller). Arrays.sort allocated here, and a median needs no full sort.
   */
  private static int select(int[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          int t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static int maxBelow(int[] a, int k) {
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < k; i++) {
      max = Math.max(max, a[i]);
    }
    return max;
  }
}
