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
    // Only the idle hours' slots (a slot of any other hour breaks the run of steps, as a missing
    // one does): hours with a load are most of a working day.
    long idle = idleHours & (hours >= 64 ? -1L : (1L << hours) - 1);
    for (int lastHour = -2; idle != 0; idle &= idle - 1) {
      int h = Long.numberOfTrailingZeros(idle);
      if (h != lastHour + 1) {
        prev = DailyFeatures.MISSING;
      }
      lastHour = h;
      for (int i = 4 * h; i < 4 * h + 4 && n < steps.length; i++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + ((first + i) & mask));
        if (v != DailyFeatures.MISSING && prev != DailyFeatures.MISSING) {
          steps[n++] = Math.abs(v - prev);
          sum += v;
        }
        prev = v;
      }
    }
    if (n < MIN_STEPS || sum <= 0) {
      return Double.NaN;
    }
    int k = n / 2;
    int upper = select(steps, n, k);
    double median = (n & 1) == 1 ? upper : 0.5 * (nextBelow(steps, n, k, upper) + upper);
    return median * n / sum;
  }

  /** Scratch of {@link #select}: the partitions alternate between the two. */
  private final int[] left = new int[DetectionEngine.SLOTS_PER_DAY];
  private final int[] right = new int[DetectionEngine.SLOTS_PER_DAY];

  /**
   * The k-th smallest of a[0..n), leaving a as it is: three-way partitions around a median of three
   * written without branches (a step is above or below the pivot at random, and a mispredicted
   * branch per element cost more than the rest of the selection), then an insertion sort of the
   * last few. Any exact selection gives the same value.
   */
  private int select(int[] a, int n, int k) {
    int[] src = a;
    int[] dst = left;
    int from = 0;
    int len = n;
    while (len > SMALL) {
      int x0 = src[from];
      int x1 = src[from + (len >> 1)];
      int x2 = src[from + len - 1];
      int pivot = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
      int less = 0;
      int greater = 0;
      for (int i = from, end = from + len; i < end; i++) {
        int x = src[i];
        dst[less] = x; // kept if below the pivot
        dst[len - 1 - greater] = x; // kept if above
        less += x < pivot ? 1 : 0;
        greater += x > pivot ? 1 : 0;
      }
      if (k < less) {
        from = 0;
        len = less;
      } else if (k >= len - greater) {
        k -= len - greater;
        from = len - greater;
        len = greater;
      } else {
        return pivot; // k falls among the values equal to the pivot
      }
      int[] next = dst == left ? right : left;
      src = dst;
      dst = next;
    }
    int[] sorted = src == a ? left : src; // (a itself stays as it is)
    if (sorted != src) {
      System.arraycopy(src, from, sorted, from, len);
    }
    for (int i = from + 1, end = from + len; i < end; i++) {
      int x = sorted[i];
      int j = i - 1;
      while (j >= from && sorted[j] > x) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = x;
    }
    return sorted[from + k];
  }

  /** Below this many values {@link #select} sorts them. */
  private static final int SMALL = 12;

  /**
   * The (k-1)-th smallest of a[0..n), given the k-th (upper): upper itself if a value equal to
   * it ranks below k, else the largest value below it.
   */
  private static int nextBelow(int[] a, int n, int k, int upper) {
    int below = 0;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int x = a[i];
      boolean lower = x < upper;
      below += lower ? 1 : 0;
      max = Math.max(max, lower ? x : Integer.MIN_VALUE);
    }
    return below < k ? upper : max;
  }
}
