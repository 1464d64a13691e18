package org.furnacewatch.detect;

import java.util.Arrays;

/** Each enterprise's kWh and covered slots of the month being learned (for INTENSITY_MISMATCH). */
final class MonthTotals {
  static final int BYTES_PER_ENTERPRISE = 4 + 4 + 4 + 8;
  private int[] month = new int[0];
  private int[] slots = new int[0];
  private int[] firstDay = new int[0];
  private double[] kwh = new double[0];

  void ensureCapacity(int n) {
    if (n <= month.length) {
      return;
    }
    int old = month.length;
    month = Arrays.copyOf(month, n);
    Arrays.fill(month, old, n, Integer.MIN_VALUE);
    slots = Arrays.copyOf(slots, n);
    firstDay = Arrays.copyOf(firstDay, n);
    kwh = Arrays.copyOf(kwh, n);
  }

  void add(int e, int d, int m, double coverage, double dayKwh) {
    if (month[e] != m) {
      month[e] = m;
      slots[e] = 0;
      firstDay[e] = Integer.MIN_VALUE;
      kwh[e] = 0;
    }
    if (firstDay[e] == Integer.MIN_VALUE && coverage > 0) {
      firstDay[e] = d;
    }
    slots[e] += (int) Math.round(coverage * DailyFeatures.SLOTS_PER_DAY);
    kwh[e] += dayKwh * coverage;
  }

  int month(int e) {
    return month[e];
  }

  int slots(int e) {
    return slots[e];
  }

  /** First local day of the month with any reading: where a month's evidence starts. */
  int firstDay(int e) {
    return firstDay[e];
  }

  double kwh(int e) {
    return kwh[e];
  }
}
