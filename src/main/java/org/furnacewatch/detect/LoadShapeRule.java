package org.furnacewatch.detect;

import org.furnacewatch.calendar.DayTypes;

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
  private final DayTypes days;

  LoadShapeRule(DayTypes days) {
    this.days = days;
  }

  private static final int H = HourlyBaseline.HOURS;
  /** Known hours of the trailing 24 needed to judge at all. */
  static final int MIN_KNOWN = H - 6;

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
  /** Last slot of the newest raised hour, -1 if none. */
  int lastRaisedSlot;

  private final double[] a = new double[H];
  private final double[] x = new double[H];
  private final double[] ex = new double[H];
  /**
   * The hour's level on its own day type: a rest day's own where learned. The flat window
   * compares a floor with a floor (idle: at most half the working peak); a Sunday's hours next
   * to the working day's start and end would read far below the working level and hide a miner
   * until Monday.
   */
  private final double[] ownEx = new double[H];
  private final boolean[] workday = new boolean[H];
  private final boolean[] raised = new boolean[H];
  private final boolean[] night = new boolean[H];
  private final IdleNoise noise = new IdleNoise();
  /** The window being evaluated: where its slots are, and whose baseline. */
  private int[] wh;
  private byte[] counts;
  private int need;
  private int base;
  private int mask;
  private int newestSlot;
  private HourlyBaseline b;
  private int e;

  /**
   * Whether the newest hour is known and not raised: with no raised hour in the window before,
   * nothing can be found, and the full evaluation is skipped (most hours of most enterprises).
   */
  boolean newestHourQuiet(int[] wh, byte[] counts, int need, int base, int mask, int s,
      HourlyBaseline b, int e, DetectionProfile p, double capacityKva) {
    DetectionProfile.LevelShift lp = p.levelShift();
    int warm = p.general().warmupDays();
    boolean workWarm = b.days(e, 0) >= warm;
    boolean restWarm = b.days(e, 1) >= Math.max(2, warm / 2);
    int sum = 0;
    int present = 0;
    for (int i = s - 3; i <= s; i++) {
      int v = FurnaceCycleDetector.complete(wh, counts, need, base + (i & mask));
      if (v != DailyFeatures.MISSING) {
        sum += v;
        present++;
      }
    }
    if (present < 3 || !workWarm) {
      return !workWarm; // a rest day alone says nothing: a plant that works this Sunday may work every Sunday
    }
    int hour = Math.floorMod(Math.floorDiv(s, 4), H);
    if (!b.known(e, 0, hour)) {
      return true;
    }
    boolean rest = !days.isWorkingDay(Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY));
    double mu = b.mean(e, 0, hour);
    double sigma = b.sigma(e, 0, hour);
    if (rest && restWarm && b.known(e, 1, hour) && b.mean(e, 1, hour) > mu) {
      mu = b.mean(e, 1, hour);
      sigma = Math.max(sigma, b.sigma(e, 1, hour));
    }
    double a = sum * 4.0 / present / 1000.0;
    double minExcess = Math.max(lp.minExcessKw(),
        capacityKva > 0 ? lp.minExcessCapacityShare() * capacityKva : 0);
    return !(a >= lp.minRatio() * mu && a - mu >= Math.max(lp.minZ() * sigma, minExcess));
  }

  /**
   * @param s absolute slot ending the hour to judge (an hour-end slot)
   * @return whether {@link #kind} was set
   */
  boolean evaluate(int[] wh, byte[] counts, int need, int base, int mask, int s,
      HourlyBaseline b, int e,
      DetectionProfile p, double capacityKva) {
    kind = null;
    this.wh = wh;
    this.counts = counts;
    this.need = need;
    this.base = base;
    this.mask = mask;
    this.newestSlot = s;
    this.b = b;
    this.e = e;
    this.stepFrom = -1;
    DetectionProfile.LevelShift lp = p.levelShift();
    DetectionProfile.General g = p.general();
    boolean workWarm = b.days(e, 0) >= g.warmupDays();
    boolean restWarm = b.days(e, 1) >= Math.max(2, g.warmupDays() / 2);
    if (!workWarm) {
      return false; // rest days are judged against the working day's level too (overtime)
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
      boolean rest = !days.isWorkingDay(Math.floorDiv(end, DetectionEngine.SLOTS_PER_DAY));
      if (present < 3 || !b.known(e, 0, hour)) {
        continue; // no data, or no learned level to judge it against
      }
      // A rest day is judged against the larger of its own and the working day's baseline:
      // working a Saturday at the usual working level is overtime, not an anomaly.
      double mu = b.mean(e, 0, hour);
      double sigma = b.sigma(e, 0, hour);
      boolean restKnown = rest && restWarm && b.known(e, 1, hour);
      ownEx[k] = restKnown ? b.mean(e, 1, hour) : mu;
      if (restKnown && b.mean(e, 1, hour) > mu) {
        mu = b.mean(e, 1, hour);
        sigma = Math.max(sigma, b.sigma(e, 1, hour));
      }
      a[k] = sum * 4.0 / present / 1000.0;
      ex[k] = mu;
      workday[k] = !rest;
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
    if (knownHours < MIN_KNOWN) {
      return false;
    }
    boolean shaped = workWarm && b.shapeCv(e, 0) >= p.flatContinuous().minShapeCv();
    lastRaisedSlot = -1;
    for (int k = H - 1; k >= 0 && lastRaisedSlot < 0; k--) {
      if (raised[k]) {
        lastRaisedSlot = s - 4 * (H - 1 - k);
      }
    }
    if (shaped && flat(s, p.flatContinuous(), minExcess)) {
      kind = FindingKind.FLAT_CONTINUOUS;
      return true;
    }
    if (raisedHours == 0) {
      return false;
    }
    int hourEnd = Math.floorMod(Math.floorDiv(s, 4), H) + 1;
    boolean nightOver = hourEnd >= g.nightEndHour() + 2 && hourEnd <= g.nightStartHour();
    // Mostly the night: all but two raised hours, or three quarters of the raised excess (an
    // evening of overtime before the first night shift is not the finding)
    boolean onlyNight = raisedNightHours >= raisedHours - 2 || nightShareOfExcess() >= 0.75;
    if (onlyNight && nightOver && raisedNightHours >= p.nightLoad().minHours()
        && morningBack(g) && heavyNight(b, e) && dayNotRaised() && idleDayHoursQuiet()) {
      sumRaised(firstRaised, s);
      kind = FindingKind.NIGHT_LOAD;
      return true;
    }
    if (raisedHours < lp.minHours()
        || onlyNight && (heavyNight(b, e) || !multipliedAtRest(H - p.flatContinuous().minHours()))) {
      return false; // only nights raised: NIGHT_LOAD, or wait for the day to show more
    }
    if (shaped && additive(firstRaised) && !multipliedAtRest(H - p.flatContinuous().minHours())
        && (H - firstRaised < p.flatContinuous().minHours()
        || Double.isNaN(a[H - 1]) // the newest hour not delivered yet: the flat window cannot judge
        || unknownSince(H - p.flatContinuous().minHours()) > MAX_UNKNOWN_FLAT
        || busyWorkingHoursSince(H - p.flatContinuous().minHours()) < 3
        || idleHoursSince(H - p.flatContinuous().minHours()) < 3 && hasIdleHours(b, e))) {
      // could be a miner starting: the flat window decides, and over a weekend or a holiday it
      // has no working hours to compare with, nor idle hours while a two-shift plant works, so
      // the excess waits for them
      return false;
    }
    sumRaised(firstRaised, s);
    kind = FindingKind.LEVEL_SHIFT;
    return true;
  }

  /** The raised night hours' share of the excess over all raised hours. */
  private double nightShareOfExcess() {
    double nightX = 0;
    double allX = 0;
    for (int k = 0; k < H; k++) {
      if (raised[k]) {
        allX += x[k];
        if (night[k]) {
          nightX += x[k];
        }
      }
    }
    return allX > 0 ? nightX / allX : 0;
  }

  /**
   * The raised night hours carry a working day's load: at least half the level of the busy hours
   * of the working-day baseline. Work moved into the night is heavy; a plant whose whole load
   * rose shows only a multiple of its small night load on a Sunday or a holiday.
   */
  private boolean heavyNight(HourlyBaseline b, int e) {
    double max = 0;
    for (int h = 0; h < H; h++) {
      max = Math.max(max, b.mean(e, 0, h));
    }
    double busy = 0;
    int n = 0;
    for (int h = 0; h < H; h++) {
      if (b.mean(e, 0, h) >= 0.5 * max) {
        busy += b.mean(e, 0, h);
        n++;
      }
    }
    double nightSum = 0;
    int nights = 0;
    for (int k = 0; k < H; k++) {
      if (raised[k] && night[k]) {
        nightSum += a[k];
        nights++;
      }
    }
    return nights > 0 && n > 0 && nightSum / nights >= 0.5 * busy / n;
  }

  /**
   * The days around the night are not raised: at least four known daytime hours of working days,
   * at most two of them raised (an evening's overtime). With no working day in the window (a
   * weekend, a holiday) the night must stand out fivefold: a plant whose whole load doubled shows
   * only its nights then.
   */
  private boolean dayNotRaised() {
    int known = 0;
    int up = 0;
    double nightA = 0;
    double nightE = 0;
    for (int k = 0; k < H; k++) {
      if (Double.isNaN(a[k])) {
        continue;
      }
      if (night[k]) {
        if (raised[k]) {
          nightA += a[k];
          nightE += ex[k];
        }
      } else if (workday[k]) {
        known++;
        if (raised[k]) {
          up++;
        }
      }
    }
    return known >= 4 ? up <= 2 : nightA >= 5 * nightE;
  }

  /**
   * The enterprise's idle daytime hours (baseline at most half the window's busiest, outside the
   * night: its evening, its early morning) are close to their baseline, and those after the night
   * all but the first: night work starts and ends, a miner's flat excess runs through them too.
   * A plant busy all day and evening has no such hours to look at.
   */
  private boolean idleDayHoursQuiet() {
    double maxEx = 0;
    double nightExcess = 0;
    int n = 0;
    for (int k = 0; k < H; k++) {
      if (!Double.isNaN(a[k])) {
        maxEx = Math.max(maxEx, ex[k]);
        if (raised[k] && night[k]) {
          nightExcess += x[k];
          n++;
        }
      }
    }
    double limit = 0.25 * nightExcess / Math.max(1, n);
    int lastNight = -1;
    for (int k = 0; k < H; k++) {
      if (raised[k] && night[k]) {
        lastNight = k;
      }
    }
    int idle = 0;
    int quiet = 0;
    int loudAfter = 0;
    for (int k = 0; k < H; k++) {
      if (!Double.isNaN(a[k]) && !night[k] && ex[k] <= 0.5 * maxEx) {
        idle++;
        if (x[k] < limit) {
          quiet++;
        } else if (k > lastNight) {
          loudAfter++; // the morning after: night work has ended by the second idle hour
        }
      }
    }
    return idle < 2 || quiet >= 2 && loudAfter <= 1;
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

  /**
   * A flat load added around the clock, judged over the newest minHours hours: in the hours the
   * enterprise is usually idle (baseline at most half its busiest hour in the window) every hour
   * is raised by about the same kW, and in its busy hours by about as much again (a level shift
   * raises the busy hours by a multiple of what it adds to the idle ones).
   */
  private boolean flat(int s, DetectionProfile.FlatContinuous fp, double minExcess) {
    int from = H - fp.minHours();
    double maxEx = 0;
    int unknown = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        unknown++; // a gap never re-collected must not hide a miner for good
        continue;
      }
      maxEx = Math.max(maxEx, ex[k]);
    }
    if (unknown > MAX_UNKNOWN_FLAT || Double.isNaN(a[H - 1])) {
      return false;
    }
    double idleLoad = idleLoadSince(from, maxEx);
    double idleSum = 0;
    double idleSum2 = 0;
    double idleMin = Double.MAX_VALUE;
    double idleExpected = 0;
    int idle = 0;
    double busySum = 0;
    int busy = 0;
    double workedRestSum = 0;
    int workedRest = 0;
    double idleMax = -Double.MAX_VALUE;
    double act = 0;
    double exp = 0;
    int first = -1;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k])) {
        continue;
      }
      act += a[k];
      exp += ownEx[k];
      double over = a[k] - ownEx[k];
      if (floorHour(k, maxEx, idleLoad)) {
        idle++;
        idleSum += over;
        idleSum2 += over * over;
        idleMin = Math.min(idleMin, over);
        idleMax = Math.max(idleMax, over);
        idleExpected += ownEx[k];
        if (first < 0) {
          first = k;
        }
      } else if (days.isWorkingDay(
          Math.floorDiv(s - 4 * (H - 1 - k), DetectionEngine.SLOTS_PER_DAY))) {
        busy++; // busy hours of a working day: a weekend or holiday flattens any plant's day
        busySum += over;
      } else if (ownEx[k] > 0.5 * maxEx && ownEx[k] >= 0.8 * ex[k]) {
        workedRest++; // an hour the enterprise works on rest days too, at its working level
        workedRestSum += over;
      }
    }
    if (idle < 3 || idleMin < minExcess) {
      return false;
    }
    double idleMean = idleSum / idle;
    double floorRise = 1 + idleMean * idle / idleExpected;
    if (excessCv(idleSum, idleSum2, idle, idleMax) > fp.maxExcessCv()) {
      return false;
    }
    // Around the Spring Festival plants wind down for weeks: their working hours are no reference.
    // Then, as over a weekend, only a floor risen fivefold through eight idle hours is told from
    // a plant whose whole load was multiplied.
    if (idle >= 8 && idleMean >= 4 * idleExpected / idle
        && nearSpringFestival(Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY))) {
      // judged on the idle hours alone
    } else if (busy >= 3) {
      if (!sameExcess(busySum / busy, idleMean)) {
        return false;
      }
    } else if (workedRest >= 3 && sameExcess(workedRestSum / workedRest, idleMean)) {
      // rest-day hours the enterprise always works carry the floor's excess too: they confirm,
      // and do not reject (a part-time Saturday mixed into that level says nothing either way)
    } else if (idle < 12 || !(idleMean >= 4 * idleExpected / idle && !anyWorkday(from))
        && !(idleStepRatio(from, floorRise) < 1 + ADDED_STEPS * (floorRise - 1))) {
      // No working hours to compare with (a weekend, a holiday, a working day's night): a floor
      // whose slot-to-slot steps stayed as they were, or one risen fivefold on a rest day, is
      // told from a whole load multiplied.
      return false;
    }
    if (timesFitsBetter(from)) {
      return false; // the same factor on every hour: the whole load multiplied, a level shift
    }
    if (idleStepRatio(from, floorRise) >= 1 + MULTIPLIED_STEPS * (floorRise - 1)) {
      return false; // the floor's steps grew with it: multiplied, however the busy hours look
    }
    actualKwh = act;
    expectedKwh = exp;
    flatExcessKw = idleMin;
    firstSlot = s - 4 * (H - from) + 1;
    return true;
  }

  /**
   * The spread of the floor hours' excess over its mean, without the largest where there are six
   * or more: a morning that starts work early raises one shoulder hour of the floor far above
   * the rest, and would hide a miner until the next day.
   */
  private static double excessCv(double sum, double sum2, int n, double max) {
    if (n >= 6) {
      sum -= max;
      sum2 -= max * max;
      n--;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sum2 / n - mean * mean)) / mean;
  }

  /** A busy hour's excess within what a constant load added to the floor would give. */
  private static boolean sameExcess(double busyMean, double idleMean) {
    return busyMean >= 0.6 * idleMean && busyMean <= 1.5 * idleMean;
  }

  /**
   * Whether known hour k is one of the floor's (its own day type's level at most half the
   * window's peak), and not a rest day worked at half its working level or more, above the load
   * of the hours idle on working days too (idleLoad): overtime at the working hours, which reads
   * as a raised floor against the rest day's own level. A miner's holiday runs at the night's
   * load through the day as well.
   */
  private boolean floorHour(int k, double peak, double idleLoad) {
    boolean nightsLoad = a[k] <= OVERTIME * idleLoad; // false without idle hours (NaN)
    boolean worked = ex[k] > 0.5 * peak && a[k] >= 0.5 * ex[k] && !nightsLoad;
    return ownEx[k] <= 0.5 * peak && !worked;
  }

  /** A rest day's hour above the load of its idle hours by this factor is worked. */
  private static final double OVERTIME = 1.25;

  /** Mean load of the known hours since k idle on working days too (NaN if none). */
  private double idleLoadSince(int from, double peak) {
    double sum = 0;
    int n = 0;
    for (int k = from; k < H; k++) {
      if (!Double.isNaN(a[k]) && ex[k] <= 0.5 * peak) {
        sum += a[k];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Whether the working-day hours from k on fit "times a factor" clearly better than "plus a
   * constant": the excess varies with the baseline twice as much as the ratio to it does. Rest
   * days are left out: they are judged against the working day's level as well.
   */
  private boolean timesFitsBetter(int from) {
    double sx = 0;
    double sx2 = 0;
    double sr = 0;
    double sr2 = 0;
    int n = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k]) || ex[k] <= 0 || !workday[k]) {
        continue;
      }
      double r = a[k] / ex[k];
      sx += x[k];
      sx2 += x[k] * x[k];
      sr += r;
      sr2 += r * r;
      n++;
    }
    if (n < 6 || sx <= 0) {
      return false;
    }
    double mx = sx / n;
    double mr = sr / n;
    double cvx = Math.sqrt(Math.max(0, sx2 / n - mx * mx)) / mx;
    double cvr = Math.sqrt(Math.max(0, sr2 / n - mr * mr)) / mr;
    return cvr < 0.5 * cvx;
  }

  /**
   * The steps between consecutive idle slots from hour k on, over the enterprise's learned idle
   * steps, as if the floor had its learned level (NaN if either is unknown): about 1 where a
   * constant load was added to the floor, about the floor's rise (level) where it was multiplied.
   */
  private double idleStepRatio(int from, double level) {
    if (from != stepFrom) {
      stepFrom = from;
      stepNow = idleRelativeStep(from);
    }
    return stepNow / b.idleStep(e) * level;
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
   * With no working hours to compare with (a weekend, a holiday, a night), whether the raised
   * idle hours from k on are the floor multiplied: every one raised, and their slot-to-slot steps
   * grown with them (by at least MULTIPLIED_STEPS of the rise; an added constant load leaves
   * them as they were). A level shift is then raised without waiting for a working day.
   */
  private boolean multipliedAtRest(int from) {
    double max = peakBaselineSince(from);
    double act = 0;
    double exp = 0;
    int idle = 0;
    for (int k = from; k < H; k++) {
      if (!Double.isNaN(a[k]) && ex[k] <= 0.5 * max) {
        if (!raised[k]) {
          return false;
        }
        act += a[k];
        exp += ex[k];
        idle++;
      }
    }
    if (idle < 6 || exp <= 0) {
      return false;
    }
    double level = act / exp;
    return idleStepRatio(from, level) >= 1 + MULTIPLIED_STEPS * (level - 1);
  }

  /** Steps of a floor with a constant load added grow by at most this share of its rise. */
  private static final double ADDED_STEPS = 0.25;
  /** Steps of a multiplied floor grow by at least this share of its rise. */
  private static final double MULTIPLIED_STEPS = 0.7;

  /** Whether a Spring Festival holiday lies within two weeks of the epoch day. */
  private boolean nearSpringFestival(long day) {
    for (long d = day - SPRING_FESTIVAL_DAYS; d <= day + SPRING_FESTIVAL_DAYS; d++) {
      if (days.isHoliday(d) && "春节".equals(days.festival(d))) {
        return true;
      }
    }
    return false;
  }

  private static final int SPRING_FESTIVAL_DAYS = 14;

  /** Whether any hour from k to the newest falls on a working day. */
  private boolean anyWorkday(int from) {
    for (int k = from; k < H; k++) {
      if (workday[k]) {
        return true;
      }
    }
    return false;
  }

  /** Hours from k to the newest without enough data. */
  private int unknownSince(int from) {
    int n = 0;
    for (int k = Math.max(0, from); k < H; k++) {
      if (Double.isNaN(a[k])) {
        n++;
      }
    }
    return n;
  }

  /** Hours of the flat window that may lack data (gaps that are never re-collected). */
  private static final int MAX_UNKNOWN_FLAT = 2;

  /**
   * Known busy hours of working days (baseline above half the window's peak) since k: what
   * {@link #flat} compares a constant excess with.
   */
  private int busyWorkingHoursSince(int first) {
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
  private double peakBaselineSince(int first) {
    double max = 0;
    for (int k = Math.max(0, first); k < H; k++) {
      if (!Double.isNaN(a[k])) {
        max = Math.max(max, ex[k]);
      }
    }
    return max;
  }

  /** Whether the working day has hours at most half its busiest: a floor a miner would show on. */
  private static boolean hasIdleHours(HourlyBaseline b, int e) {
    double max = 0;
    double min = Double.MAX_VALUE;
    for (int h = 0; h < H; h++) {
      max = Math.max(max, b.mean(e, 0, h));
      min = Math.min(min, b.mean(e, 0, h));
    }
    return min <= 0.5 * max;
  }

  /** Known idle hours (baseline at most half the window's peak) since k: the flat window's floor. */
  private int idleHoursSince(int first) {
    double max = peakBaselineSince(first);
    int n = 0;
    for (int k = Math.max(0, first); k < H; k++) {
      if (!Double.isNaN(a[k]) && ex[k] <= 0.5 * max) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether the excess since the first run of raised hours, over every known hour (raised or
   * not), fits "plus a constant" better than "times a factor".
   */
  private boolean additive(int first) {
    double sx = 0;
    double sx2 = 0;
    double sr = 0;
    double sr2 = 0;
    double minEx = Double.MAX_VALUE;
    double maxEx = 0;
    int n = 0;
    while (first + 1 < H && !raised[first + 1]) {
      first++; // skip a lone raised hour before the change: the excess starts with a run
      while (first < H && !raised[first]) {
        first++;
      }
    }
    for (int k = first; k < H; k++) {
      if (Double.isNaN(a[k]) || ex[k] <= 0 || !workday[k] && !raised[k]) {
        continue; // a rest day's hours below its working level say nothing of plus or times
      }
      double r = a[k] / ex[k];
      minEx = Math.min(minEx, ex[k]);
      maxEx = Math.max(maxEx, ex[k]);
      sx += x[k];
      sx2 += x[k] * x[k];
      sr += r;
      sr2 += r * r;
      n++;
    }
    if (n < 3 || sx <= 0) {
      return false;
    }
    if (maxEx < 2 * minEx) {
      return true; // only hours of one level seen yet: plus or times cannot be told apart
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
