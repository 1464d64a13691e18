package org.furnacewatch.detect;

import java.util.Arrays;

/**
 * PEER_OUTLIER as its own stage: per-enterprise daily features come in as each enterprise's day
 * is learned; a day is scored for everyone once the engine-wide watermark has passed it, with
 * whoever has reported it by then ({@link PeerScorer}: median/MAD of log kWh per kVA within
 * industry + district). Nothing loops over enterprises to push them forward, so the stage can be
 * fed by per-enterprise workers (partitions) in a later step.
 */
final class PeerStage {
  static final int DAYS = 4;

  /** What makes a scored enterprise-day a hit, and how many days in a row raise it. */
  interface Rule {
    /**
     * diff and topDiff: the value less the group's median and its 90th percentile; day: the
     * scored day (or period).
     */
    boolean hit(DetectionProfile.PeerOutlier pp, int day, boolean alone, double logValue,
        double z, double diff, double topDiff, int peers);

    int days(DetectionProfile.PeerOutlier pp);
  }

  /** Days past the horizon: a day in a row more than minZ and minRatio above the peers. */
  static final Rule LEARNED_DAYS = new Rule() {
    @Override
    public boolean hit(DetectionProfile.PeerOutlier pp, int day, boolean alone, double logValue,
        double z, double diff, double topDiff, int peers) {
      return peers >= pp.minPeers() && z >= pp.minZ() && Math.exp(diff) >= pp.minRatio();
    }

    @Override
    public int days(DetectionProfile.PeerOutlier pp) {
      return pp.consecutiveDays();
    }
  };

  /**
   * An enterprise in its first days on the watch (alone), on one half-day ({@link
   * FirstDaysPeers}: even periods mornings, odd ones afternoons): it has no history of its own to
   * be judged against yet, so its peers judge it, as soon as they have reported the half-day.
   * Against the busiest tenth of them rather than a z: on a rest day a group splits into plants
   * at work and plants at rest, and its spread hides a site far above both.
   */
  static final Rule FIRST_DAYS = new Rule() {
    @Override
    public boolean hit(DetectionProfile.PeerOutlier pp, int day, boolean alone, double logValue,
        double z, double diff, double topDiff, int peers) {
      return alone && peers >= pp.minPeers() && Math.exp(topDiff) >= pp.firstDaysMinRatioToTopTenth()
          && Math.exp(diff) >= pp.firstDaysMinRatio()
          && Math.exp(logValue) / 24 >= ((day & 1) == 0 ? pp.firstDaysMinLoadFactor()
              : pp.firstDaysMinAfternoonLoadFactor());
    }

    @Override
    public int days(DetectionProfile.PeerOutlier pp) {
      return 1;
    }
  };

  private final Rule rule;

  PeerStage(Rule rule) {
    this.rule = rule;
  }

  /** Receives each enterprise of a scored day that is far above its peers. */
  interface Outlier {
    void on(int e, int day, EnterpriseContext c, DetectionProfile p, double logValue, double z,
        double diff, double topDiff, int peers, int streak);
  }

  private final PeerScorer scorer = new PeerScorer();
  private int capacity;
  private int[] day = new int[0];
  private float[] value = new float[0];
  private int[] group = new int[0];
  private boolean[] alone = new boolean[0];
  private EnterpriseContext[] ctx = new EnterpriseContext[0];
  private DetectionProfile[] prof = new DetectionProfile[0];
  private int[] streak = new int[0];
  private int[] streakDay = new int[0];
  private int[] rows = new int[0];
  private int[] rowGroup = new int[0];
  private double[] x = new double[0];
  private double[] z = new double[0];
  private double[] diff = new double[0];
  private double[] topDiff = new double[0];
  private int[] size = new int[0];

  void ensureCapacity(int n) {
    if (n <= capacity) {
      return;
    }
    day = Arrays.copyOf(day, n * DAYS);
    Arrays.fill(day, capacity * DAYS, n * DAYS, Integer.MIN_VALUE);
    value = Arrays.copyOf(value, n * DAYS);
    group = Arrays.copyOf(group, n * DAYS);
    alone = Arrays.copyOf(alone, n * DAYS);
    ctx = Arrays.copyOf(ctx, n * DAYS);
    prof = Arrays.copyOf(prof, n * DAYS);
    streak = Arrays.copyOf(streak, n);
    streakDay = Arrays.copyOf(streakDay, n);
    capacity = n;
  }

  static int bytesPerEnterprise() {
    return DAYS * (4 + 4 + 4 + 1 + 4 + 4) + 8;
  }

  /**
   * Enterprise e's day d: log kWh per kVA, in peer group g (>= 0); alone: in its first days on
   * the watch. Offered again, the day's newer reading replaces the older.
   */
  void offer(int e, int d, int g, double logKwhPerKva, boolean alone, EnterpriseContext c,
      DetectionProfile p) {
    int i = e * DAYS + (d & (DAYS - 1));
    day[i] = d;
    value[i] = (float) logKwhPerKva;
    group[i] = g;
    this.alone[i] = alone;
    ctx[i] = c;
    prof[i] = p;
  }

  void score(int d, int minPeers, Outlier out) {
    if (rows.length < capacity) {
      rows = new int[capacity];
      rowGroup = new int[capacity];
      x = new double[capacity];
      z = new double[capacity];
      diff = new double[capacity];
      topDiff = new double[capacity];
      size = new int[capacity];
    }
    int n = 0;
    int slot = d & (DAYS - 1);
    for (int e = 0; e < capacity; e++) {
      int i = e * DAYS + slot;
      if (day[i] != d) {
        continue;
      }
      rows[n] = e;
      rowGroup[n] = group[i];
      x[n] = value[i];
      n++;
    }
    if (n == 0) {
      return;
    }
    scorer.score(n, rowGroup, x, z, diff, topDiff, size, Math.max(2, minPeers));
    for (int k = 0; k < n; k++) {
      int e = rows[k];
      int i = e * DAYS + slot;
      DetectionProfile.PeerOutlier pp = prof[i].peerOutlier();
      boolean hit = pp.enabled() && ctx[i].status() == EnterpriseStatus.OPERATING
          && rule.hit(pp, d, alone[i], x[k], z[k], diff[k], topDiff[k], size[k]);
      if (streakDay[e] != d) {
        streak[e] = hit ? (streakDay[e] == d - 1 ? streak[e] + 1 : 1) : 0;
        streakDay[e] = d;
      } else if (hit) { // the day scored again, with peers delivered late
        streak[e] = Math.max(streak[e], 1);
      }
      if (hit && streak[e] >= rule.days(pp)) {
        out.on(e, d, ctx[i], prof[i], x[k], z[k], diff[k], topDiff[k], size[k], streak[e]);
      }
    }
  }
}
