package org.furnacewatch.detect;

import java.util.Arrays;

/**
 * How far the district as a whole runs above its enterprises' own baselines, hour by hour: the
 * median, over the enterprises judged at a working-day hour, of the hour's load over its learned
 * level. When most plants run above their baselines, so does this one, for the same reason: a
 * watch begun while plants wound down for the Spring Festival learned every baseline at a third of
 * the load, and the return to work raises them all at once. Levels are then judged against the
 * baseline times this index, never below it (a district winding down does not make a plant that
 * works on suspect).
 *
 * <p>A ring of hours, each a histogram of log ratios (a median without storing the enterprises):
 * no state per enterprise. Working days only: a rest day's hour is judged against the larger of its
 * own and the working day's level, a ratio that says how much a plant rests, not how the district
 * moves. An hour is judged by the newest earlier hour that enough enterprises gave, so it never
 * waits on the rest of its own upload.
 */
final class ActivityIndex {
  /** Hours the ring holds: the longest holiday (nine days) and a weekend around it. */
  private static final int HOURS = 16 * 24;
  private static final int BINS = 48;
  /** Log ratios binned over [-LOG_RANGE, LOG_RANGE): about 0.067 wide (a median within 3.5 %). */
  private static final double LOG_RANGE = 1.6;
  /** Enterprises an hour needs before its median stands for the district. */
  static final int MIN_ENTERPRISES = 30;

  private final int[] hour = new int[HOURS];
  private final int[] count = new int[HOURS];
  private final int[] bins = new int[HOURS * BINS];
  private final double[] median = new double[HOURS];
  private final boolean[] medianStale = new boolean[HOURS];
  /** The newest hour enough enterprises gave, or MIN_VALUE. */
  private int newestStanding = Integer.MIN_VALUE;

  ActivityIndex() {
    Arrays.fill(hour, Integer.MIN_VALUE);
  }

  /** One enterprise's working-day hour (absolute hour index): its load over its learned level. */
  void offer(int h, double ratio) {
    if (!(ratio > 0) || Double.isInfinite(ratio)) {
      return;
    }
    int r = Math.floorMod(h, HOURS);
    if (hour[r] != h) {
      if (hour[r] > h) {
        return; // older than the ring holds
      }
      hour[r] = h;
      count[r] = 0;
      Arrays.fill(bins, r * BINS, (r + 1) * BINS, 0);
    }
    bins[r * BINS + bin(ratio)]++;
    count[r]++;
    medianStale[r] = true;
    if (count[r] >= MIN_ENTERPRISES && h > newestStanding) {
      newestStanding = h;
    }
  }

  /**
   * The factor to judge hour h's levels by: the median ratio of the newest earlier hour that
   * enough enterprises gave, at least 1; 1 if none in the ring.
   */
  double scaleFor(int h) {
    if (newestStanding == Integer.MIN_VALUE || newestStanding <= h - HOURS) {
      return 1; // (a small engine never has enough enterprises: one look, not a scan of the ring)
    }
    if (newestStanding < h) {
      return Math.max(1, median(Math.floorMod(newestStanding, HOURS)));
    }
    for (int back = 1; back < HOURS; back++) { // an hour judged again after newer ones
      int r = Math.floorMod(h - back, HOURS);
      if (hour[r] == h - back && count[r] >= MIN_ENTERPRISES) {
        return Math.max(1, median(r));
      }
    }
    return 1;
  }

  /**
   * The highest median of the day before hour h (the standing hours among the 24 before it), at
   * least 1: how far the district ran above its baselines at its busiest lately. A plant's night
   * after a return to work is judged by the district's day, not by a night that every plant rests
   * through.
   */
  double busiestBefore(int h) {
    if (newestStanding == Integer.MIN_VALUE || newestStanding <= h - HOURS) {
      return 1;
    }
    double busiest = 1;
    for (int back = 1; back <= 24; back++) {
      int r = Math.floorMod(h - back, HOURS);
      if (hour[r] == h - back && count[r] >= MIN_ENTERPRISES) {
        busiest = Math.max(busiest, median(r));
      }
    }
    return busiest;
  }

  /**
   * How far the district's quick plants run above its median one, read over the standing hours of
   * the day before hour h: the largest of the q-quantile of an hour's ratios over its median (each
   * at least 1), 1 if none. A plant returning from the Spring Festival at its own pace lies within
   * the district's spread; one that also added a load lies above it.
   */
  double spreadBefore(int h, double q) {
    if (newestStanding == Integer.MIN_VALUE || newestStanding <= h - HOURS) {
      return 1;
    }
    double spread = 1;
    for (int back = 1; back <= 24; back++) {
      int r = Math.floorMod(h - back, HOURS);
      if (hour[r] == h - back && count[r] >= MIN_ENTERPRISES) {
        spread = Math.max(spread, Math.max(1, quantile(r, q)) / Math.max(1, median(r)));
      }
    }
    return spread;
  }

  /** The median ratio of hour h if enough enterprises gave it and the ring still holds it, else NaN. */
  double levelAt(int h) {
    int r = Math.floorMod(h, HOURS);
    return hour[r] == h && count[r] >= MIN_ENTERPRISES ? median(r) : Double.NaN;
  }

  /** The q-quantile of hour slot r's ratios, read at the upper edge of its bin. */
  private double quantile(int r, double q) {
    int need = (int) Math.ceil(q * count[r]);
    int seen = 0;
    for (int b = 0; b < BINS; b++) {
      seen += bins[r * BINS + b];
      if (seen >= need) {
        return Math.exp((b + 1.0) / BINS * 2 * LOG_RANGE - LOG_RANGE);
      }
    }
    return Math.exp(LOG_RANGE);
  }

  /**
   * The bin of a ratio: how many bin edges lie at or below it (no logarithm). A ratio's exponent
   * and its mantissa's top bits pick a cell a thirty-second of an octave wide, narrower than a
   * bin, so at most one edge lies in it: the cell's count of edges below it, plus one compare with
   * that edge. (A search over the edges took six dependent steps at every hour judged.)
   */
  static int bin(double ratio) {
    long cell = (Double.doubleToRawLongBits(ratio) >> CELL_SHIFT) - FIRST_CELL;
    int below = EDGES_BELOW_CELL[(int) Math.max(0, Math.min(CELLS - 1, cell))];
    return EDGES_OR_INFINITY[below] <= ratio ? below + 1 : below;
  }

  /** Inner bin edges as ratios: exp(-LOG_RANGE + k x bin width), k = 1 .. BINS - 1. */
  private static final double[] EDGES = new double[BINS - 1];
  /** The edges and, past the last, one no ratio reaches. */
  private static final double[] EDGES_OR_INFINITY = new double[BINS];
  /** Mantissa bits a cell keeps: 5, cells 3 % wide, bins 6.9 %. */
  private static final int CELL_SHIFT = 52 - 5;
  /** The first cell: 1/8, below the lowest edge (exp(-LOG_RANGE) = 0.20); the last ends at 8. */
  private static final long FIRST_CELL = Double.doubleToRawLongBits(0.125) >> CELL_SHIFT;
  private static final int CELLS = (int) ((Double.doubleToRawLongBits(8.0) >> CELL_SHIFT) - FIRST_CELL);
  /** Edges at or below each cell's lowest ratio. */
  private static final int[] EDGES_BELOW_CELL = new int[CELLS];

  static {
    for (int k = 1; k < BINS; k++) {
      EDGES[k - 1] = Math.exp(-LOG_RANGE + k * 2 * LOG_RANGE / BINS);
    }
    System.arraycopy(EDGES, 0, EDGES_OR_INFINITY, 0, EDGES.length);
    EDGES_OR_INFINITY[BINS - 1] = Double.POSITIVE_INFINITY;
    for (int c = 0; c < CELLS; c++) {
      double low = Double.longBitsToDouble((FIRST_CELL + c) << CELL_SHIFT);
      int below = 0;
      while (below < EDGES.length && EDGES[below] <= low) {
        below++;
      }
      EDGES_BELOW_CELL[c] = below;
    }
  }

  private double median(int r) {
    if (!medianStale[r]) {
      return median[r];
    }
    medianStale[r] = false;
    int half = (count[r] + 1) / 2;
    int seen = 0;
    median[r] = 1;
    for (int b = 0; b < BINS; b++) {
      seen += bins[r * BINS + b];
      if (seen >= half) {
        median[r] = Math.exp((b + 0.5) / BINS * 2 * LOG_RANGE - LOG_RANGE);
        break;
      }
    }
    return median[r];
  }
}
