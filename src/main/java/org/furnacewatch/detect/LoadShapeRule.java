package org.furnacewatch.detect;

/**
 * LEVEL_SHIFT, NIGHT_LOAD and FLAT_CONTINUOUS within the day: the trailing 24 hours, hour by
 * hour, against the enterprise's own {@link HourlyBaseline} of each hour's day type.
 *
 * <p>An hour is raised when its kWh is well above its baseline in ratio, in robust sigmas and in
 * kW (see {@link DetectionProfile.LevelShift}). Where the excess lies says what it is:
 * <ul>
 *   <li>FLAT_CONTINUOUS: the same excess in every one of the newest hours, night and day, on a
 *       load that has a daily shape: a flat load added around the clock (mining). The excess of
 *       a level shift follows the shape instead (x2 of a small night load is small).
 *   <li>NIGHT_LOAD: the raised hours lie in the night, and the morning after is not raised.
 *   <li>LEVEL_SHIFT: anything else raised for long enough. It waits while the picture could
 *       still become one of the two above: while only night hours are raised and the night is
 *       not over, or while the excess is as flat as a miner's and younger than the flat window.
 * </ul>
 * Stateless over the slot ring and the baseline, so a window can be judged again when a late
 * reading lands in it. Results live in fields; nothing allocates.
 */
final class LoadShapeRule {
  private static final int H = HourlyBaseline.HOURS;

  /** The finding of the last {@link #evaluate}, null if none. */
  FindingKind kind;
  int raisedHours;
  int knownHours;
  int raisedNightHours;
  /** kWh and baseline kWh over the raised hours (FLAT: over the flat window). */
  double actualKwh;
  double expectedKwh;
  /** First slot of the earliest raised hour (FLAT: of the flat window). */
  int firstSlot;
  /** Smallest excess kW over the flat window (FLAT only). */
  double flatExcessKw;

  private final double[] a = new double[H];
  private final double[] x = new double[H];
  private final double[] ex = new double[H];
  private final boolean[] raised = new boolean[H];
  private final boolean[] night = new boolean[H];

  /**
   * @param s absolute slot ending the hour to judge (an hour-end slot)
   * @return whether {@link #kind} was set
   */
  boolean evaluate(int[] wh, byte[] counts, int need, int base, int mask, int s,
      HourlyBaseline b, int e,
      DetectionProfile p, double capacityKva) {
    kind = null;
    DetectionProfile.LevelShift lp = p.levelShift();
    DetectionProfile.General g = p.general();
    boolean workWarm = b.days(e, 0) >= g.warmupDays();
    boolean restWarm = b.days(e, 1) >= Math.max(2, g.warmupDays() / 2);
    if (!workWarm && !restWarm) {
      return false;
    }
    double minExcess = Math.max(lp.minExcessKw(),
        capacityKva > 0 ? lp.minExcessCapacityShare() * capacityKva : 0);
    knownHours = 0;
    raisedHours = 0;
    raisedNightHours = 0;
    int firstRaised = -1;
    for (int k = 0; k < H; k++) {
      int end = s - 4 * (H - 1 - k);
      int sum = 0;
      int present = 0;
      for (int i = end - 3; i <= end; i++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + (i & mask));
        if (v != DailyFeatures.MISSING) {
          sum += v;
          present++;
        }
      }
      int hour = Math.floorMod(Math.floorDiv(end, 4), H);
      night[k] = isNight(hour, g);
      raised[k] = false;
      a[k] = Double.NaN;
      boolean rest = !ChineseCalendar.isWorkingDay(Math.floorDiv(end, DetectionEngine.SLOTS_PER_DAY));
      if (present < 3 || (!rest && !workWarm)) {
        continue;
      }
      // A rest day is judged against the larger of its own and the working day's baseline:
      // working a Saturday at the usual working level is overtime, not an anomaly.
      double mu = workWarm ? b.mean(e, 0, hour) : 0;
      double sigma = workWarm ? b.sigma(e, 0, hour) : 0;
      if (rest && restWarm && b.mean(e, 1, hour) > mu) {
        mu = b.mean(e, 1, hour);
        sigma = Math.max(sigma, b.sigma(e, 1, hour));
      }
      a[k] = sum * 4.0 / present / 1000.0;
      ex[k] = mu;
      x[k] = a[k] - ex[k];
      knownHours++;
      if (a[k] >= lp.minRatio() * ex[k] && x[k] >= Math.max(lp.minZ() * sigma, minExcess)) {
        raised[k] = true;
        raisedHours++;
        if (night[k]) {
          raisedNightHours++;
        }
        if (firstRaised < 0) {
          firstRaised = k;
        }
      }
    }
    if (knownHours < H - 6) {
      return false;
    }
    boolean shaped = workWarm && b.shapeCv(e, 0) >= p.flatContinuous().minShapeCv();
    if (shaped && flat(s, p.flatContinuous(), minExcess)) {
      kind = FindingKind.FLAT_CONTINUOUS;
      return true;
    }
    if (raisedHours == 0) {
      return false;
    }
    int hourEnd = Math.floorMod(Math.floorDiv(s, 4), H) + 1;
    boolean nightOver = hourEnd >= g.nightEndHour() + 2 && hourEnd <= g.nightStartHour();
    boolean onlyNight = raisedNightHours >= raisedHours - 2;
    if (onlyNight && nightOver && raisedNightHours >= p.nightLoad().minHours()
        && morningBack(g)) {
      sumRaised(firstRaised, s);
      kind = FindingKind.NIGHT_LOAD;
      return true;
    }
    if (raisedHours < lp.minHours() || (onlyNight && !nightOver)) {
      return false;
    }
    if (shaped && H - firstRaised < p.flatContinuous().minHours() && additive(firstRaised)) {
      return false; // could be a miner starting: the flat window decides
    }
    sumRaised(firstRaised, s);
    kind = FindingKind.LEVEL_SHIFT;
    return true;
  }

  /** The two newest hours are known and close to their baseline again (a miner's are not). */
  private boolean morningBack(DetectionProfile.General g) {
    double nightExcess = 0;
    int n = 0;
    for (int k = 0; k < H; k++) {
      if (raised[k] && night[k]) {
        nightExcess += x[k];
        n++;
      }
    }
    double limit = 0.25 * nightExcess / Math.max(1, n);
    return !Double.isNaN(a[H - 1]) && !Double.isNaN(a[H - 2]) && x[H - 1] < limit && x[H - 2] < limit;
  }

  /** Every one of the newest minHours hours known and raised by about the same kW. */
  private boolean flat(int s, DetectionProfile.FlatContinuous fp, double minExcess) {
    int from = H - fp.minHours();
    double min = Double.MAX_VALUE;
    double sum = 0;
    double sum2 = 0;
    double act = 0;
    double exp = 0;
    int nightHours = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        return false;
      }
      min = Math.min(min, x[k]);
      sum += x[k];
      sum2 += x[k] * x[k];
      act += a[k];
      exp += ex[k];
      if (night[k]) {
        nightHours++;
      }
    }
    int n = H - from;
    double mean = sum / n;
    double cv = mean <= 0 ? Double.MAX_VALUE : Math.sqrt(Math.max(0, sum2 / n - mean * mean)) / mean;
    int low = 0;
    for (int k = from; k < H; k++) {
      if (x[k] < Math.max(minExcess, 0.5 * mean)) {
        low++; // one odd hour (a machine stopped for a while) is allowed
      }
    }
    if (nightHours < 3 || nightHours == n || low > 1 || cv > fp.maxExcessCv()) {
      return false;
    }
    int first = from;
    while (x[first] < Math.max(minExcess, 0.5 * mean)) {
      first++; // the allowed low hour before the load began is not part of it
    }
    actualKwh = act;
    expectedKwh = exp;
    flatExcessKw = Math.max(min, minExcess);
    firstSlot = s - 4 * (H - first) + 1;
    return true;
  }

  /** Whether the excess of the raised hours fits "plus a constant" better than "times a factor". */
  private boolean additive(int first) {
    double sx = 0;
    double sx2 = 0;
    double sr = 0;
    double sr2 = 0;
    int n = 0;
    for (int k = first; k < H; k++) {
      if (!raised[k] || ex[k] <= 0) {
        continue;
      }
      double r = a[k] / ex[k];
      sx += x[k];
      sx2 += x[k] * x[k];
      sr += r;
      sr2 += r * r;
      n++;
    }
    if (n < 3 || sx <= 0) {
      return false;
    }
    double mx = sx / n;
    double mr = sr / n;
    double cvx = Math.sqrt(Math.max(0, sx2 / n - mx * mx)) / mx;
    double cvr = Math.sqrt(Math.max(0, sr2 / n - mr * mr)) / mr;
    return cvx < cvr;
  }

  private void sumRaised(int first, int s) {
    double act = 0;
    double exp = 0;
    for (int k = 0; k < H; k++) {
      if (raised[k]) {
        act += a[k];
        exp += ex[k];
      }
    }
    actualKwh = act;
    expectedKwh = exp;
    firstSlot = s - 4 * (H - first) + 1;
  }

  static boolean isNight(int hour, DetectionProfile.General g) {
    int from = g.nightStartHour();
    int to = g.nightEndHour();
    return from > to ? hour >= from || hour < to : hour >= from && hour < to;
  }
}
