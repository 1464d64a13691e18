package org.furnacewatch.detect;

/**
 * The trailing 24 hours {@link LoadShapeRule} judges, hour by hour, against the enterprise's own
 * {@link HourlyBaseline}: each hour's kW, the level it is judged against and its excess, and
 * where the window's slots lie in the ring. The rule and its flat-window test
 * ({@link FlatWindow}) read the same arrays; nothing allocates.
 */
final class HourWindow {
  static final int H = HourlyBaseline.HOURS;

  /** Mean kW of each hour (NaN: not enough data). */
  final double[] a = new double[H];
  /** Its excess over {@link #ex}. */
  final double[] x = new double[H];
  /** The level it is judged against: a rest day's the larger of its own and the working day's. */
  final double[] ex = new double[H];
  /**
   * The hour's level on its own day type: a rest day's own where learned. The flat window
   * compares a floor with a floor (idle: at most half the working peak); a Sunday's hours next
   * to the working day's start and end would read far below the working level and hide a miner
   * until Monday.
   */
  final double[] ownEx = new double[H];
  /** The spread of {@link #ownEx}: its day type's robust sigma. */
  final double[] ownSd = new double[H];
  final boolean[] workday = new boolean[H];
  final boolean[] raised = new boolean[H];
  /** Hours judged on three of their four quarter hours (a row not delivered yet). */
  final boolean[] partial = new boolean[H];
  final boolean[] night = new boolean[H];
  private final IdleNoise noise = new IdleNoise();
  /** Where the window's slots are, and whose baseline. */
  private int[] wh;
  private byte[] counts;
  private int need;
  private int base;
  private int mask;
  private int newestSlot;
  private HourlyBaseline b;
  private int e;

  /** Places the window: its newest hour ends at slot s of enterprise e's ring. */
  void at(int[] wh, byte[] counts, int need, int base, int mask, int s, HourlyBaseline b, int e) {
    this.wh = wh;
    this.counts = counts;
    this.need = need;
    this.base = base;
    this.mask = mask;
    this.newestSlot = s;
    this.b = b;
    this.e = e;
    this.stepFrom = -1;
  }

  /**
   * Whether known hour k is one of the floor's (its own day type's level at most half the
   * window's peak), and not a rest day worked at half its working level or more, above the load
   * of the hours idle on working days too (idleLoad): overtime at the working hours, which reads
   * as a raised floor against the rest day's own level. A miner's holiday runs at the night's
   * load through the day as well.
   */
  boolean floorHour(int k, double peak, double idleLoad) {
    boolean nightsLoad = a[k] <= OVERTIME * idleLoad; // false without idle hours (NaN)
    boolean worked = ex[k] > 0.5 * peak && a[k] >= 0.5 * ex[k] && !nightsLoad;
    return ownEx[k] <= 0.5 * peak && !worked;
  }

  /**
   * Whether known hour k is a rest day's hour the plant works on working days (above half the
   * window's peak) that ran at the load of the hours idle on working days too (idleLoad): a
   * Saturday or a holiday not worked this time, whatever its usual level (a plant that works
   * every second Saturday has a Saturday level half its working one).
   */
  boolean leftIdleAtRest(int k, double peak, double idleLoad) {
    return !workday[k] && ex[k] > 0.5 * peak && a[k] <= OVERTIME * idleLoad;
  }

  /** Mean own level of the known hours since k idle on working days too (NaN with fewer than three). */
  double idleLevelSince(int from, double peak) {
    return idleMeanSince(from, peak, ownEx);
  }

  /** A rest day's hour above the load of its idle hours by this factor is worked. */
  private static final double OVERTIME = 1.25;

  /**
   * Mean load of the known hours since k idle on working days too (NaN with fewer than three: a
   * lone shoulder hour before a Saturday's start would make that whole working day read as idle).
   */
  double idleLoadSince(int from, double peak) {
    return idleMeanSince(from, peak, a);
  }

  private double idleMeanSince(int from, double peak, double[] of) {
    double sum = 0;
    int n = 0;
    for (int k = from; k < H; k++) {
      if (!Double.isNaN(a[k]) && ex[k] <= 0.5 * peak) {
        sum += of[k];
        n++;
      }
    }
    return n < MIN_IDLE_HOURS ? Double.NaN : sum / n;
  }

  private static final int MIN_IDLE_HOURS = 3;

  /**
   * The steps between consecutive idle slots from hour k on, over the enterprise's learned idle
   * steps, as if the floor had its learned level (NaN if either is unknown): about 1 where a
   * constant load was added to the floor, about the floor's rise (level) where it was multiplied.
   */
  double idleStepRatio(int from, double level) {
    if (from != stepFrom) {
      stepFrom = from;
      stepNow = idleRelativeStep(from);
    }
    return stepNow / b.idleStep(e) * level;
  }

  /**
   * Mean kW between consecutive complete slots of the floor hours from k on (floor, or a rest
   * day's hour left idle; NaN with fewer than {@link #MIN_FLOOR_STEPS} steps): a miner draws the
   * same kW slot after slot; a furnace's heats and taps swing by its kW, though the means of
   * their hours may lie as level as a miner's.
   */
  double floorMeanStepKw(int from, double peak, double idleLoad) {
    int first = newestSlot - 4 * (H - from) + 1;
    long sum = 0;
    int n = 0;
    int prev = DailyFeatures.MISSING;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])
          || !floorHour(k, peak, idleLoad) && !leftIdleAtRest(k, peak, idleLoad)) {
        prev = DailyFeatures.MISSING; // (a step across another hour is no floor's step)
        continue;
      }
      for (int i = 4 * (k - from); i < 4 * (k - from) + 4; i++) {
        int v = FurnaceCycleDetector.complete(wh, counts, need, base + ((first + i) & mask));
        if (v != DailyFeatures.MISSING && prev != DailyFeatures.MISSING) {
          sum += Math.abs(v - prev);
          n++;
        }
        prev = v;
      }
    }
    return n < MIN_FLOOR_STEPS ? Double.NaN : sum * 4.0 / n / 1000.0;
  }

  private static final int MIN_FLOOR_STEPS = 8;

  /**
   * {@link #idleStepRatio} over every known hour from k on, not the floor's alone: a rest day the
   * plant did not work, whose hours a miner raised past half its working level.
   */
  double stepRatioSince(int from, double level) {
    long hours = 0;
    for (int k = from; k < H; k++) {
      if (!Double.isNaN(a[k])) {
        hours |= 1L << (k - from);
      }
    }
    int first = newestSlot - 4 * (H - from) + 1;
    return noise.relativeStep(wh, counts, need, base, mask, first, H - from, hours)
        / b.idleStep(e) * level;
  }

  /** The relative step of the idle hours from k on, now (IdleNoise). */
  private double idleRelativeStep(int from) {
    double max = peakBaselineSince(from);
    double idleLoad = idleLoadSince(from, max);
    long idle = 0;
    for (int k = from; k < H; k++) {
      if (!Double.isNaN(a[k]) && floorHour(k, max, idleLoad)) {
        idle |= 1L << (k - from);
      }
    }
    int first = newestSlot - 4 * (H - from) + 1;
    return noise.relativeStep(wh, counts, need, base, mask, first, H - from, idle);
  }

  /** The window's idle relative step, computed once per evaluation: k it was read from (-1: none). */
  private int stepFrom = -1;
  private double stepNow;

  /**
   * Whether the floor rose through a rest spell: from hour k on no busy hour of a working day is
   * known, at least {@link #REST_FLOOR_HOURS} known floor hours (idle on their own day type, or a
   * rest day's working hours left idle) ran at least minRatio times their own level, minZ sigmas
   * and {@link #REST_EXCESS_SHARE} of minExcess kW above it, all but one of them, and the floor's
   * slot-to-slot steps grew with it. Over a weekend or a holiday a plant whose whole load rose
   * shows nothing else; waiting for Monday's rows to tell a multiple from an added load loses the
   * day and a half the finding is owed in.
   */
  boolean floorRaisedAtRest(int from, double minRatio, double minExcess, double minZ) {
    if (floorRaisedAtRestSince(from, minRatio, minExcess, minZ, REST_FLOOR_HOURS)) {
      return true;
    }
    int first = firstRaisedFloorHour(from, minRatio, minExcess, minZ);
    return first > from
        && floorRaisedAtRestSince(first, minRatio, minExcess, minZ, RISEN_WITHIN_FLOOR_HOURS);
  }

  /**
   * The first floor hour from k on raised as {@link #floorRaisedAtRest} reads it (k if none): where
   * the window's floor does not hold, the floor hours of a rest day's morning before the rise are
   * not its part. A rise begun at 09:00 on a Sunday holds the fifteen hours to midnight, all a
   * power company uploading a day at a time sends before the 36 h are out.
   */
  private int firstRaisedFloorHour(int from, double minRatio, double minExcess, double minZ) {
    double peak = peakBaselineSince(from);
    double idleLoad = idleLoadSince(from, peak);
    double idleLevel = idleLevelSince(from, peak);
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        continue;
      }
      if (workday[k] && ex[k] > 0.5 * peak) {
        return from; // a working day's busy hours decide, as they do for the whole window
      }
      boolean leftIdle = leftIdleAtRest(k, peak, idleLoad);
      if (!leftIdle && !floorHour(k, peak, idleLoad)) {
        continue;
      }
      double level = leftIdle ? idleLevel : ownEx[k];
      double sd = leftIdle ? 0 : ownSd[k];
      if (level > 0 && risenOverItsLevel(k, level, sd, minRatio, minExcess, minZ)) {
        return k;
      }
    }
    return from;
  }

  /**
   * Whether known hour k ran at least minRatio times its floor's level, minZ sigmas and
   * {@link #REST_EXCESS_SHARE} of minExcess kW above it.
   */
  private boolean risenOverItsLevel(int k, double level, double sd, double minRatio,
      double minExcess, double minZ) {
    return a[k] >= minRatio * level
        && a[k] - level >= Math.max(REST_EXCESS_SHARE * minExcess, minZ * sd);
  }

  private boolean floorRaisedAtRestSince(int from, double minRatio, double minExcess, double minZ,
      int minFloorHours) {
    double peak = peakBaselineSince(from);
    double idleLoad = idleLoadSince(from, peak);
    double idleLevel = idleLevelSince(from, peak);
    int floor = 0;
    int first = -1;
    int short_ = 0;
    double act = 0;
    double exp = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        continue;
      }
      if (workday[k] && ex[k] > 0.5 * peak) {
        return false; // a working day's busy hours decide whether it was multiplied
      }
      double level;
      double sd;
      if (leftIdleAtRest(k, peak, idleLoad)) {
        level = idleLevel; // its own level is the plant's working Saturday, not this one
        sd = 0;
      } else if (floorHour(k, peak, idleLoad)) {
        level = ownEx[k];
        sd = ownSd[k];
      } else {
        continue; // a rest day's hour worked: overtime says nothing
      }
      if (!(level > 0)) {
        continue; // nothing to multiply
      }
      if (floor++ == 0) {
        first = k;
      }
      act += a[k];
      exp += level;
      if (!risenOverItsLevel(k, level, sd, minRatio, minExcess, minZ)) {
        short_++;
      }
    }
    if (floor < minFloorHours || short_ > 1 || act < REST_FLOOR_RISE * exp) {
      return false;
    }
    restFloorHours = floor;
    restFloorNeeded = minFloorHours;
    restFloorKwh = act;
    restFloorLevelKwh = exp;
    restFloorFirst = first;
    double rise = act / exp;
    if (rise >= ADDED_RISE) {
      return false; // a load added: the flat window judges it
    }
    // its slot-to-slot steps grew nearer the floor's rise than not at all: multiplied (a heater
    // left on, a miner, add a constant load and leave them as they were)
    return idleStepRatio(from, rise) >= 1 + REST_MULTIPLIED_STEPS * (rise - 1);
  }

  /** From the last positive {@link #floorRaisedAtRest}: floor hours, their kWh and level, the first. */
  int restFloorHours;
  /** The floor hours it needed: {@link #REST_FLOOR_HOURS}, or {@link #RISEN_WITHIN_FLOOR_HOURS}. */
  int restFloorNeeded;
  double restFloorKwh;
  double restFloorLevelKwh;
  int restFloorFirst;

  /** Floor hours a rest spell needs before its raised floor is a level shift on its own. */
  static final int REST_FLOOR_HOURS = 12;
  /**
   * Floor hours a rise begun within the window needs: more than a shift's. A rest day worked for
   * a shift at a little under half the working level, 07:00 to 19:00, raises as many floor hours
   * as a level shift's first twelve; the shift ends, the level shift runs on.
   */
  static final int RISEN_WITHIN_FLOOR_HOURS = 13;
  /**
   * A floor hour at rest is raised at this share of the level shift's kW: a small plant's floor
   * of 2 kW tripled over a whole weekend is plain in its low noise, and is all it shows until
   * Monday.
   */
  static final double REST_EXCESS_SHARE = 0.5;
  /** Steps of a floor multiplied at rest grow by at least this share of its rise. */
  private static final double REST_MULTIPLIED_STEPS = 0.5;
  /** The floor's rise over those hours, all told. */
  private static final double REST_FLOOR_RISE = 1.6;
  /**
   * A floor risen this many times over at rest is a load added, not the plant's load multiplied
   * (as {@link FlatWindow} reads a rest day's floor risen fivefold): on a floor of a few kW a
   * miner's own slot-to-slot noise grows the steps as a multiple would.
   */
  private static final double ADDED_RISE = 5;

  /**
   * Whether the load since hour k rose as a multiple of the hours' own levels (their own day
   * type's): over hours of distinct own levels, kept steady from week to week (busy: above half
   * the busiest; quiet: at most half; two at least of each), a factor of at least minRatio
   * leaves a quarter or less of what a constant added leaves unexplained. A miner adds one
   * constant to a Sunday's day and night alike; a plant whose load rose by a factor shows it in
   * its own rest day's shape, and waiting for Monday's busy hours loses the day and a half the
   * finding is owed in.
   */
  boolean multipliedOwnShape(int from, double minRatio) {
    double peak = 0;
    for (int k = from; k < H; k++) {
      if (steadyOwn(k)) {
        peak = Math.max(peak, ownEx[k]);
      }
    }
    int busy = 0;
    int quiet = 0;
    double sx = 0;
    double sx2 = 0;
    double sa2 = 0;
    double sae = 0;
    double se2 = 0;
    for (int k = from; k < H; k++) {
      if (!steadyOwn(k)) {
        continue;
      }
      if (ownEx[k] > 0.5 * peak) {
        busy++;
      } else {
        quiet++;
      }
      double x = a[k] - ownEx[k];
      sx += x;
      sx2 += x * x;
      sa2 += a[k] * a[k];
      sae += a[k] * ownEx[k];
      se2 += ownEx[k] * ownEx[k];
    }
    if (busy < 2 || quiet < 2) {
      return false;
    }
    return sae / se2 >= minRatio
        && OWN_SHAPE_MARGIN * factorLeftOver(sa2, sae, se2) < constantLeftOver(sx, sx2, busy + quiet);
  }

  /** Squared kW a constant added leaves unexplained: n excesses, their sum and sum of squares. */
  static double constantLeftOver(double sx, double sx2, int n) {
    double mx = n == 0 ? 0 : sx / n;
    return Math.max(0, sx2 - n * mx * mx);
  }

  /** Squared kW the best factor on the levels leaves unexplained (least squares through zero). */
  static double factorLeftOver(double sa2, double sae, double se2) {
    return se2 <= 0 ? 0 : Math.max(0, sa2 - sae * sae / se2);
  }

  /** A known hour whose own level is above nothing and steady (robust sigma at most a quarter of it). */
  private boolean steadyOwn(int k) {
    return !Double.isNaN(a[k]) && ownEx[k] > 0 && ownSd[k] <= STEADY_OWN * ownEx[k];
  }

  private static final double STEADY_OWN = 0.25;
  /** How much better a factor must fit than a constant (squared kW left unexplained). */
  private static final double OWN_SHAPE_MARGIN = 4;

  /** Whether any hour from k to the newest falls on a working day. */
  boolean anyWorkday(int from) {
    for (int k = from; k < H; k++) {
      if (workday[k]) {
        return true;
      }
    }
    return false;
  }

  /** Hours from k to the newest without enough data. */
  int unknownSince(int from) {
    int n = 0;
    for (int k = Math.max(0, from); k < H; k++) {
      if (Double.isNaN(a[k])) {
        n++;
      }
    }
    return n;
  }

  /**
   * Known busy hours of working days (baseline above half the window's peak) since k: what
   * {@link #flat} compares a constant excess with.
   */
  int busyWorkingHoursSince(int first) {
    double max = peakBaselineSince(first);
    int n = 0;
    for (int k = Math.max(0, first); k < H; k++) {
      if (workday[k] && !Double.isNaN(a[k]) && ex[k] > 0.5 * max) {
        n++;
      }
    }
    return n;
  }

  /** The largest baseline of the known hours since k: what busy and idle are judged against. */
  double peakBaselineSince(int first) {
    double max = 0;
    for (int k = Math.max(0, first); k < H; k++) {
      if (!Double.isNaN(a[k])) {
        max = Math.max(max, ex[k]);
      }
    }
    return max;
  }

  /** Known idle hours (baseline at most half the window's peak) since k: the flat window's floor. */
  int idleHoursSince(int first) {
    return idleHoursSince(first, false);
  }

  /** {@link #idleHoursSince}, where steadyOnly of those whose own level is steady alone. */
  int idleHoursSince(int first, boolean steadyOnly) {
    double max = peakBaselineSince(first);
    int n = 0;
    for (int k = Math.max(0, first); k < H; k++) {
      if (!Double.isNaN(a[k]) && ex[k] <= 0.5 * max && (!steadyOnly || steadyOwn(k))) {
        n++;
      }
    }
    return n;
  }
  /** From the last {@link #spreads}: hours read, and the excess's mean and spreads over them. */
  int spreadHours;
  double spreadExcessMean;
  double spreadRatioMean;
  double excessCv;
  double ratioCv;
  double spreadMinEx;
  double spreadMaxEx;
  /** Squared kW left over by the best constant added, and by the best factor (least squares). */
  double plusResidual;
  double timesResidual;

  /**
   * How the excess and the ratio to the level vary over the known hours from k on: a constant
   * added keeps the excess even, a factor keeps the ratio even; and what each of the two fits
   * leaves unexplained. Working-day hours, and rest-day hours only where raised when raisedRest
   * (a rest day's hours below its working level say nothing of plus or times).
   */
  void spreads(int from, boolean raisedRest) {
    spreads(from, raisedRest, false);
  }

  /**
   * {@link #spreads}, without the hours judged on three quarter hours where wholeHoursOnly: a break
   * inside an hour (lunch, a shift's change) makes its mean over three of them read high or low.
   */
  void spreads(int from, boolean raisedRest, boolean wholeHoursOnly) {
    spreads(from, raisedRest, wholeHoursOnly, false);
  }

  /**
   * {@link #spreads}, where steadyOnly also without the hours whose own level is unsteady: a
   * working day's first hour, whose level moves with the time work starts, fits neither a constant
   * nor a factor.
   */
  void spreads(int from, boolean raisedRest, boolean wholeHoursOnly, boolean steadyOnly) {
    double sx = 0;
    double sx2 = 0;
    double sr = 0;
    double sr2 = 0;
    double minEx = Double.MAX_VALUE;
    double maxEx = 0;
    double sa2 = 0;
    double sae = 0;
    double se2 = 0;
    int n = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k]) || ex[k] <= 0 || !workday[k] && !(raisedRest && raised[k])
          || wholeHoursOnly && partial[k] || steadyOnly && !steadyOwn(k)) {
        continue;
      }
      double r = a[k] / ex[k];
      minEx = Math.min(minEx, ex[k]);
      maxEx = Math.max(maxEx, ex[k]);
      sx += x[k];
      sx2 += x[k] * x[k];
      sr += r;
      sr2 += r * r;
      sa2 += a[k] * a[k];
      sae += a[k] * ex[k];
      se2 += ex[k] * ex[k];
      n++;
    }
    spreadHours = n;
    spreadMinEx = minEx;
    spreadMaxEx = maxEx;
    double mx = n == 0 ? 0 : sx / n;
    double mr = n == 0 ? 0 : sr / n;
    spreadExcessMean = mx;
    spreadRatioMean = mr;
    excessCv = Math.sqrt(Math.max(0, sx2 / n - mx * mx)) / mx;
    ratioCv = Math.sqrt(Math.max(0, sr2 / n - mr * mr)) / mr;
    plusResidual = constantLeftOver(sx, sx2, n);
    timesResidual = factorLeftOver(sa2, sae, se2);
  }
}
