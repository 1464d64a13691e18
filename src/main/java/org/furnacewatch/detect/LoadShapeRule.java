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
 *       load that has a daily shape: a flat load added around the clock (mining; judged by
 *       {@link FlatWindow}). The excess of a level shift follows the shape instead (x2 of a
 *       small night load is small).
 *   <li>NIGHT_LOAD: the raised hours lie in the night, and the morning after is not raised.
 *   <li>LEVEL_SHIFT: anything else raised for long enough. It waits while the picture could
 *       still become one of the two above: while only night hours are raised and the night is
 *       not over, or while the excess is as flat as a miner's and younger than the flat window
 *       (not where a rest day's own shape says the load was multiplied:
 *       {@link HourWindow#multipliedOwnShape}).
 * </ul>
 * Stateless over the slot ring and the baseline, so a window can be judged again when a late
 * reading lands in it. The hours judged live in a {@link HourWindow}; results live in fields;
 * nothing allocates.
 */
final class LoadShapeRule {
  private final DayTypes days;

  LoadShapeRule(DayTypes days, ActivityIndex activity, SpringFestivalReturn springFestival) {
    this.days = days;
    this.activity = activity;
    this.flatWindow = new FlatWindow(days, w);
    this.springFestival = springFestival;
  }

  private final SpringFestivalReturn springFestival;
  private final ActivityIndex activity;

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
  /** What the flat window found (FLAT only): its hours, its excess, what each was tested on. */
  FlatClaim flat;
  /** The newest hour's load over its (scaled) learned level, NaN if unknown or not warm. */
  double newestRatio = Double.NaN;
  /**
   * Whether a floor risen through a rest spell may be a level shift on its own (set by the caller
   * before each judgement; see {@link HourWindow#floorRaisedAtRest}).
   */
  boolean floorAlone;
  /** The last LEVEL_SHIFT was the floor of a rest spell alone: raisedHours counts its floor hours. */
  boolean floorOnly;
  /**
   * Night hours without data the last NIGHT_LOAD counted as raised, between raised night hours
   * (0: none needed). Its caller makes sure the rows delivered hold no tap a furnace would show.
   */
  int bridgedNightHours;
  /** Last slot of the newest raised hour, -1 if none. */
  int lastRaisedSlot;

  /**
   * The newest slot delivered for the enterprise judged, set before each judgement: past the
   * window's newest slot where an upload's later hours are known, and judged next.
   */
  int deliveredTo = Integer.MIN_VALUE;

  /**
   * Whether slot s closes a half-day and nothing later was delivered: where a power company's
   * upload ends, its next hours a half-day or a day away.
   */
  private boolean uploadEndsAt(int s) {
    return deliveredTo <= s && DetectionEngine.closesHalfDay(s);
  }

  /** Floor hours the last floor-only LEVEL_SHIFT needed ({@link HourWindow#floorRaisedAtRest}). */
  int restFloorNeeded() {
    return w.restFloorNeeded;
  }

  private final HourWindow w = new HourWindow();
  private final double[] a = w.a;
  private final double[] x = w.x;
  private final double[] ex = w.ex;
  private final double[] ownEx = w.ownEx;
  private final double[] ownSd = w.ownSd;
  private final boolean[] workday = w.workday;
  private final boolean[] raised = w.raised;
  private final boolean[] night = w.night;
  /**
   * Hours above their level by the ratio and the kW a raised hour needs, raised or not (an hour
   * the plant works on some days has a spread wide enough to hide a miner's excess there).
   */
  private final boolean[] aboveLevel = new boolean[H];
  private final FlatWindow flatWindow;

  /**
   * Whether the newest hour is known and not raised: with no raised hour in the window before,
   * nothing can be found, and the full evaluation is skipped (most hours of most enterprises).
   */
  boolean newestHourQuiet(int[] wh, byte[] counts, int need, int base, int mask, int s,
      HourlyBaseline b, int e, DetectionProfile p, double capacityKva) {
    DetectionProfile.LevelShift lp = p.levelShift();
    newestRatio = Double.NaN;
    int warm = p.general().warmupDays();
    boolean workWarm = b.days(e, 0) >= warm;
    boolean restWarm = b.restWarm(e, warm);
    int sum = 0;
    int present = 0;
    for (int i = s - 3; i <= s; i++) {
      int v = wh[base + (i & mask)];
      boolean known = FurnaceCycleDetector.known(wh, counts, need, base + (i & mask));
      sum += known ? v : 0;
      present += known ? 1 : 0;
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
    newestRatio = mu > 0 ? a / mu : Double.NaN;
    double minExcess = Math.max(lp.minExcessKw(),
        capacityKva > 0 ? lp.minExcessCapacityShare() * capacityKva : 0);
    if (a >= lp.minRatio() * mu && a - mu >= Math.max(lp.minZ() * sigma, minExcess)) {
      return false;
    }
    if (!floorAlone) {
      return true;
    }
    // a small floor risen at its own day type's level: the rest-spell floor test reads it
    int type = rest && restWarm && b.known(e, 1, hour) ? 1 : 0;
    double own = b.mean(e, type, hour);
    return !(a >= lp.minRatio() * own && a - own >= Math.max(lp.minZ() * b.sigma(e, type, hour),
        HourWindow.REST_EXCESS_SHARE * minExcess));
  }

  /**
   * @param s absolute slot ending the hour to judge (an hour-end slot)
   * @return whether {@link #kind} was set
   */
  boolean evaluate(int[] wh, byte[] counts, int need, int base, int mask, int s,
      HourlyBaseline b, int e,
      DetectionProfile p, double capacityKva) {
    kind = null;
    newestRatio = Double.NaN;
    w.at(wh, counts, need, base, mask, s, b, e);
    DetectionProfile.LevelShift lp = p.levelShift();
    DetectionProfile.General g = p.general();
    boolean workWarm = b.days(e, 0) >= g.warmupDays();
    boolean restWarm = b.restWarm(e, g.warmupDays());
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
      aboveLevel[k] = false;
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
      ownSd[k] = restKnown ? b.sigma(e, 1, hour) : sigma;
      if (restKnown && b.mean(e, 1, hour) > mu) {
        mu = b.mean(e, 1, hour);
        sigma = Math.max(sigma, b.sigma(e, 1, hour));
      }
      a[k] = sum * 4.0 / present / 1000.0;
      w.partial[k] = present < 4;
      ex[k] = mu;
      workday[k] = !rest;
      x[k] = a[k] - ex[k];
      if (k == H - 1 && ex[k] > 0) {
        newestRatio = a[k] / ex[k];
      }
      knownHours++;
      aboveLevel[k] = a[k] >= lp.minRatio() * ex[k] && x[k] >= minExcess;
      if (aboveLevel[k] && x[k] >= lp.minZ() * sigma) {
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
    if (shaped && (flatWindow.test(s, p.flatContinuous(), minExcess)
        || raisedHours > 0 && firstEveningFlat(s, p.flatContinuous(), minExcess)
        || raisedHours > 0 && busyDayFlat(s, p, minExcess, capacityKva)
        || restWarm && restDayFlat(s, p, minExcess, capacityKva))) {
      actualKwh = flatWindow.actualKwh;
      expectedKwh = flatWindow.expectedKwh;
      flat = flatWindow.claim;
      firstSlot = flatWindow.firstSlot;
      kind = FindingKind.FLAT_CONTINUOUS;
      return true;
    }
    floorOnly = false;
    int flatFrom = H - p.flatContinuous().minHours();
    boolean floorRisen = shaped && floorAlone
        && w.floorRaisedAtRest(flatFrom, lp.minRatio(), minExcess, lp.minZ())
        && !springFestival.restLevelsLag(Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY));
    if (raisedHours == 0 && !floorRisen) {
      return false;
    }
    int hourEnd = Math.floorMod(Math.floorDiv(s, 4), H) + 1;
    boolean nightOver = hourEnd >= g.nightEndHour() + 2 && hourEnd <= g.nightStartHour();
    // Mostly the night: all but two raised hours, or three quarters of the raised excess, over the
    // whole window or over its newest run when that run still goes on, holds a night's work, or
    // would with the night hours not delivered yet. An older spell too short for a level shift of
    // its own (an evening's overtime before the first night shift, or before a miner) is not the
    // finding; a lone night hour after a day's raised spells is no night's work.
    int newest = newestRun();
    if (raisedHours - raisedHoursSince(newest) >= lp.minHours()) {
      newest = firstRaised;
    }
    int nightSince = raisedNightHoursSince(newest);
    boolean onlyNight = mostlyNight(firstRaised)
        || newest > firstRaised && nightSince > 0 && mostlyNight(newest)
        && (nightSince >= p.nightLoad().minHours() || stillRunning()
        || nightSince + unknownNightSince(newest) >= p.nightLoad().minHours());
    // (an hour the feed lacks inside the night's run, between two raised night hours, is the
    // run's: rows a meter missed, re-collected days later, would hold the first night back)
    bridgedNightHours = onlyNight && nightOver && raisedNightHours == p.nightLoad().minHours() - 1
        ? unknownInsideNightRuns() : 0;
    if (onlyNight && nightOver && raisedNightHours + bridgedNightHours >= p.nightLoad().minHours()
        && morningBack(g) && heavyNight(b, e) && dayNotRaised() && idleDayHoursQuiet()) {
      sumRaised(firstRaised, s);
      kind = FindingKind.NIGHT_LOAD;
      return true;
    }
    if (raisedHours < lp.minHours()) {
      if (!floorRisen) {
        return false;
      }
      // the floor alone, below the level shift's kW in each hour: judged on the floor's hours
      floorOnly = true;
      raisedHours = w.restFloorHours;
      actualKwh = w.restFloorKwh;
      expectedKwh = w.restFloorLevelKwh;
      firstSlot = s - 4 * (H - w.restFloorFirst) + 1;
      kind = FindingKind.LEVEL_SHIFT;
      return true;
    }
    boolean riseAtRest = floorRisen || multipliedAtRest(flatFrom);
    // A floor risen through a rest spell's daytime hours as well (twelve of sixteen hours, all but
    // one raised) is no night's work, however heavy its nights: a small plant's floor tripled reads
    // half its working level, and the working evening before a weekend's rise is a night hour too.
    if (onlyNight && (heavyNight(b, e) && !floorRisen || !riseAtRest)) {
      return false; // only nights raised: NIGHT_LOAD, or wait for the day to show more
    }
    if (shaped && additive(newest) && !riseAtRest
        && !w.multipliedOwnShape(ownRiseStart(newest, lp.minRatio()), lp.minRatio())
        && (H - excessStart(newest) <= p.flatContinuous().minHours() // (its oldest: the onset's part hour)
        || H - constantRunStart() <= p.flatContinuous().minHours()
        || Double.isNaN(a[H - 1]) // the newest hour not delivered yet: the flat window cannot judge
        || w.unknownSince(H - p.flatContinuous().minHours()) > FlatWindow.MAX_UNKNOWN_FLAT
        || w.busyWorkingHoursSince(H - p.flatContinuous().minHours()) < 3
        || w.idleHoursSince(H - p.flatContinuous().minHours()) < 3 && hasIdleHours(b, e))) {
      // could be a miner starting: the flat window decides, and over a weekend or a holiday it
      // has no working hours to compare with, nor idle hours while a two-shift plant works, so
      // the excess waits for them
      return false;
    }
    if (heldForTheReturn(b, e, lp, s)) {
      return false;
    }
    sumRaised(firstRaised, s);
    kind = FindingKind.LEVEL_SHIFT;
    return true;
  }

  /**
   * The first hour of the run of hours, up to the newest raised run, each at least minRatio times
   * its own day type's level (hours not delivered bridge it). On a rest day the hours are raised
   * against the working day's level: a plant that works its Sundays lightly, its load multiplied
   * from the morning, raises only its evening, while its own Sunday shows the factor from the
   * morning on, in the busy hours a factor is told from a constant by.
   */
  private int ownRiseStart(int newest, double minRatio) {
    int k = newest;
    while (k > 0 && (Double.isNaN(a[k - 1]) || a[k - 1] >= minRatio * ownEx[k - 1])) {
      k--;
    }
    while (k < newest && Double.isNaN(a[k])) {
      k++;
    }
    return k;
  }

  /**
   * Whether a level learned around the Spring Festival holds the level shift back: the plant is
   * not back yet, or not above the district's quick plants, or the return cannot be told from it
   * (a level learned on the return alone; legal steel, whose level shift is heats in hours it kept
   * quiet, and a mill restarting after the festival heats in hours it kept quiet through the
   * wind-down).
   */
  private boolean heldForTheReturn(HourlyBaseline b, int e, DetectionProfile.LevelShift lp, int s) {
    long day = Math.floorDiv(s, DetectionEngine.SLOTS_PER_DAY);
    return springFestival.levelLearnedAroundIt(b, e, day)
        && (springFestival.levelLearnedOnTheReturn(b, e, day) || lp.requireHeats()
        || b.pace(e) < KEEPING_PACE || !aboveTheReturn(lp, s));
  }

  /**
   * Whether enough raised hours stand above the district's return as well: the level shift's
   * ratio over the learned level times the spread of the district's quick plants
   * ({@link ActivityIndex#spreadBefore}). A level learned in the wind-down makes every plant's
   * return look raised; a plant that added a load on its return stands above the quickest ones.
   */
  private boolean aboveTheReturn(DetectionProfile.LevelShift lp, int s) {
    double spread = activity.spreadBefore(s >> 2, RETURN_QUANTILE);
    int above = 0;
    for (int k = 0; k < H; k++) {
      if (raised[k] && a[k] >= lp.minRatio() * spread * ex[k]) {
        above++;
      }
    }
    return above >= lp.minHours();
  }

  /** The share of the district's plants a return at its own pace stays within. */
  private static final double RETURN_QUANTILE = 0.9;
  /**
   * The slowest working day since the festival, against the district's activity, of a plant that
   * kept pace with the district's return: one below it was still away and may yet come back. (No
   * working day learned since the festival: the return has only begun, nobody lags yet.)
   */
  private static final double KEEPING_PACE = 0.7;

  /**
   * FLAT_CONTINUOUS over the newest run alone, before it spans the flat window: a day-shift
   * plant's evening after a daytime onset holds its busy hours and enough idle ones to tell a
   * constant added from a load multiplied. A power company uploading a day at a time sends
   * nothing more until the next night, which would come after 36 h. On a rest day or a holiday
   * there are no busy hours: there the evening's floor risen fivefold tells it, as it does over
   * a whole rest day. (Not the run's first hour: the onset's part hour.)
   */
  private boolean firstEveningFlat(int s, DetectionProfile.FlatContinuous fp, double minExcess) {
    int from = newestRun() + 1;
    boolean atRest = !w.anyWorkday(from);
    if (from <= H - fp.minHours() || H - from < FIRST_EVENING_HOURS
        || w.idleHoursSince(from) < FIRST_EVENING_IDLE
        || !atRest && w.busyWorkingHoursSince(from) < 3
        || !flatWindow.test(s, fp, minExcess, from,
            atRest ? FIRST_EVENING_IDLE : FlatWindow.REST_IDLE_HOURS)) {
      return false;
    }
    flatWindow.firstSlot -= 4; // (the episode begins with the onset's hour, judged or not)
    return true;
  }

  /**
   * FLAT_CONTINUOUS over the newest run's busy working hours alone
   * ({@link FlatWindow#testBusyDay}), before the run spans the flat window: a two-shift plant's day
   * from the morning's onset holds no idle hour. (Not the run's first hour: the onset's part hour.)
   * An onset before dawn leaves a few idle hours before work: each carries the excess, the same kW
   * on average as the busy hours after them, which are judged alone (a daily upload sends the next
   * night a day later). The hours either side of the start of work are left out then: their levels
   * move with the time work starts, and a level shift's multiplied ramp reads as a constant added.
   */
  private boolean busyDayFlat(int s, DetectionProfile p, double minExcess, double capacityKva) {
    int from = newestRun() + 1;
    double peak = w.peakBaselineSince(0);
    int busy = from;
    while (busy < H && !(workday[busy] && ex[busy] > 0.5 * peak)) {
      busy++;
    }
    double idleSum = 0;
    int idle = 0;
    for (int k = from; k < busy - 1; k++) {
      if (!Double.isNaN(a[k])) {
        if (a[k] - ex[k] < minExcess) {
          return false;
        }
        idleSum += a[k] - ex[k];
        idle++;
      }
    }
    if (from <= H - p.flatContinuous().minHours()
        || !quietNightBefore(from - 1, p.levelShift())
        || !flatWindow.testBusyDay(s, p.flatContinuous(), minExcess, busy > from ? busy + 1 : busy,
            p.levelShift().minRatio(), capacityKva, uploadEndsAt(s))
        || idle > 0 && !FlatWindow.sameExcess((flatWindow.actualKwh - flatWindow.expectedKwh)
            / flatWindow.claim.hours(), idleSum / idle)) {
      return false;
    }
    flatWindow.firstSlot = s - 4 * (H - from + 1) + 1; // (the episode begins with the onset's hour)
    return true;
  }

  /**
   * FLAT_CONTINUOUS over a rest day's hours from its step on ({@link FlatWindow#testRestDay}): the
   * newest run of rest-day hours each over its own rest-day level by minExcess, after three that
   * were not, risen by the level shift's ratio. Rest-day hours are judged against the working
   * day's level (overtime), so a miner switched on at a weekend raises none of them. (Not the
   * run's first hour: the onset's part hour.)
   */
  private boolean restDayFlat(int s, DetectionProfile p, double minExcess, double capacityKva) {
    int first = H;
    while (first > 0 && !Double.isNaN(a[first - 1]) && !workday[first - 1]
        && a[first - 1] - ownEx[first - 1] >= minExcess) {
      first--;
    }
    if (first < QUIET_BEFORE_STEP || H - first - 1 < HOURS_BY_FAR) {
      return false;
    }
    for (int k = first - QUIET_BEFORE_STEP; k < first; k++) {
      if (Double.isNaN(a[k]) || a[k] - ownEx[k] >= minExcess) {
        return false; // (an hour before the run carries the excess too, or is unknown: no step)
      }
    }
    if (!flatWindow.testRestDay(s, p.flatContinuous(), minExcess, first + 1,
        p.levelShift().minRatio(), capacityKva)) {
      return false;
    }
    flatWindow.firstSlot -= 4; // (the episode begins with the onset's hour)
    return true;
  }

  /** Known hours before a rest day's step that must lie below it. */
  private static final int QUIET_BEFORE_STEP = 3;

  /**
   * Whether the window holds three or more known idle hours before hour k, none risen by the level
   * shift's ratio and its z: the night before the onset. A load multiplied the day before raised
   * its night too, however few kW it adds there, and its next day's busy hours are no onset to read
   * alone. (The z spares the morning's shoulder hour, which starts earlier on some days.)
   */
  private boolean quietNightBefore(int k, DetectionProfile.LevelShift lp) {
    double peak = w.peakBaselineSince(0);
    int quiet = 0;
    for (int i = 0; i < k; i++) {
      if (Double.isNaN(a[i]) || ex[i] > 0.5 * peak) {
        continue;
      }
      if (a[i] >= lp.minRatio() * ex[i] && x[i] >= lp.minZ() * w.ownSd[i]) {
        return false;
      }
      quiet++;
    }
    return quiet >= 3;
  }

  /**
   * How much likelier "times a factor" must be than "plus a constant" over hours of one level, as
   * the log of the likelihood ratio of the two with the hours' noise unknown: n/2 ln(plus/times).
   * As a ratio of squares it would ask as much of ten hours as of sixteen, where sixteen hours
   * tell a factor from a constant with a smaller ratio. e^3.5, about 33 to 1: the same evidence
   * the busy-day flat test asks of ten hours (FlatWindow's PLUS_BY_FAR, 2).
   */
  static final double TIMES_LOG_LIKELIER = 3.5;
  /** The least hours of one level {@link #TIMES_LOG_LIKELIER} reads. */
  static final int HOURS_BY_FAR = 10;
  /** The largest mean factor over hours of one level the factor test reads: a load multiplied. */
  private static final double LARGEST_FACTOR_BY_FAR = 5;

  /** The least hours of a run judged by {@link #firstEveningFlat}, and of its idle hours. */
  private static final int FIRST_EVENING_HOURS = 10;
  static final int FIRST_EVENING_IDLE = 5;

  /**
   * The first raised hour of the newest run: back from the newest raised hour through raised,
   * unknown and busy hours, up to two known idle hours that are not raised nor above their level
   * (a wide spread alone can keep an hour from being raised). A miner's excess runs through every
   * idle hour and night work through the night; an evening of overtime before either, ended by
   * quiet idle hours, is no part of them.
   */
  private int newestRun() {
    return runStart(2, true);
  }

  /**
   * The first raised hour of the run ending at the newest raised one, back from it through raised,
   * unknown and busy hours until that many known idle hours not raised. With aboveEndsNone, an idle
   * hour above its level as a raised hour is, whose wide spread alone kept it from being raised
   * (an evening the plant works on some days), ends no run: a miner's excess runs through it.
   */
  private int runStart(int quietHoursEndingIt, boolean aboveEndsNone) {
    double maxEx = 0;
    int last = -1;
    for (int k = 0; k < H; k++) {
      if (!Double.isNaN(a[k])) {
        maxEx = Math.max(maxEx, ex[k]);
      }
      if (raised[k]) {
        last = k;
      }
    }
    int first = last;
    int quiet = 0;
    for (int k = last; k >= 0 && quiet < quietHoursEndingIt; k--) {
      if (raised[k]) {
        first = k;
        quiet = 0;
      } else if (!Double.isNaN(a[k]) && ex[k] <= 0.5 * maxEx && !(aboveEndsNone && aboveLevel[k])) {
        quiet++;
      }
    }
    return first;
  }

  /**
   * Night hours from k on not delivered yet: half-day uploads and re-collected rows leave such
   * holes for a day or more, and with them the newest run may still be a night's work.
   */
  private int unknownNightSince(int from) {
    int n = 0;
    for (int k = Math.max(0, from); k < H; k++) {
      if (night[k] && Double.isNaN(a[k])) {
        n++;
      }
    }
    return n;
  }

  /** Night hours without data between two raised night hours of one night. */
  private int unknownInsideNightRuns() {
    int inside = 0;
    int gap = -1; // unknown night hours since the last raised night hour, -1 before any
    for (int k = 0; k < H; k++) {
      if (raised[k] && night[k]) {
        inside += Math.max(0, gap);
        gap = 0;
      } else if (night[k] && Double.isNaN(a[k]) && gap >= 0) {
        gap++;
      } else {
        gap = -1;
      }
    }
    return inside;
  }

  /**
   * The first raised hour of the newest run up to the first known idle hour not raised: a miner's
   * excess runs through every idle hour, so one idle hour without it is before the miner (an
   * evening's overtime ended by it is no part of the flat load; one above its level but not
   * raised ends it too: overtime on top of the miner keeps the flat window from judging).
   */
  private int constantRunStart() {
    return runStart(1, false);
  }

  /** Whether no known hour follows the newest raised one: the run may go on. */
  private boolean stillRunning() {
    for (int k = H - 1; k >= 0 && !raised[k]; k--) {
      if (!Double.isNaN(a[k])) {
        return false;
      }
    }
    return true;
  }

  /** All but two of the raised hours from {@code from} on lie in the night, or three quarters of their excess. */
  private boolean mostlyNight(int from) {
    return raisedNightHoursSince(from) >= raisedHoursSince(from) - 2 || nightShareOfExcess(from) >= 0.75;
  }

  private int raisedHoursSince(int from) {
    int n = 0;
    for (int k = Math.max(0, from); k < H; k++) {
      if (raised[k]) {
        n++;
      }
    }
    return n;
  }

  private int raisedNightHoursSince(int from) {
    int n = 0;
    for (int k = Math.max(0, from); k < H; k++) {
      if (raised[k] && night[k]) {
        n++;
      }
    }
    return n;
  }

  /** The raised night hours' share of the excess over all raised hours from {@code from} on. */
  private double nightShareOfExcess(int from) {
    double nightX = 0;
    double allX = 0;
    for (int k = Math.max(0, from); k < H; k++) {
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

  /**
   * The two newest hours are known and close to their own level again (a miner's are not): on a
   * rest day the rest day's level, not the larger working day's it is also judged against (a
   * Saturday worked is overtime), which hides a miner switched on the evening before. Close is
   * read against the excess of the raised night hours the plant usually idles in, where there are
   * any: a load multiplied in a two-shift plant's evening raises its last working hours, night
   * hours by the clock, by a hundred kW and its floor by ten, and its morning by ten again.
   */
  private boolean morningBack(DetectionProfile.General g) {
    double peak = w.peakBaselineSince(0);
    double nightExcess = 0;
    int n = 0;
    double idleExcess = 0;
    int idle = 0;
    for (int k = 0; k < H; k++) {
      if (raised[k] && night[k]) {
        nightExcess += x[k];
        n++;
        if (ex[k] <= 0.5 * peak) {
          idleExcess += x[k];
          idle++;
        }
      }
    }
    double limit = idle > 0 ? 0.25 * idleExcess / idle : 0.25 * nightExcess / Math.max(1, n);
    // (own level at most the judged one: below the limit here, x is too)
    return !Double.isNaN(a[H - 1]) && !Double.isNaN(a[H - 2])
        && a[H - 1] - ownEx[H - 1] < limit && a[H - 2] - ownEx[H - 2] < limit;
  }

  /**
   * With no working hours to compare with (a weekend, a holiday, a night), whether the raised
   * idle hours from k on are the floor multiplied: every one raised, and their slot-to-slot steps
   * grown with them (by at least FlatWindow.MULTIPLIED_STEPS of the rise; an added constant load leaves
   * them as they were). A level shift is then raised without waiting for a working day.
   */
  private boolean multipliedAtRest(int from) {
    double max = w.peakBaselineSince(from);
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
    return w.idleStepRatio(from, level) >= 1 + FlatWindow.MULTIPLIED_STEPS * (level - 1);
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

  /**
   * Whether the excess since the first run of raised hours, over every known hour (raised or
   * not), fits "plus a constant" better than "times a factor": the one that leaves fewer squared
   * kW unexplained. (Each spread about its own mean is no measure: over hours of one level the
   * ratio's is the excess's divided by the whole load, always the smaller, and a miner seen over a
   * night and an hour of work read as multiplied.) Read again without the hours whose own level
   * is unsteady: the first hour of work moves with the time work starts, and a day begun early
   * reads eight times its level under a threefold load, and fits a constant better.
   */
  private boolean additive(int first) {
    first = excessStart(first);
    return additive(first, false) && additive(first, true);
  }

  private boolean additive(int first, boolean steadyOnly) {
    int read = first + 1; // the run's first hour may hold the onset's part hour: neither fits it
    w.spreads(read, true, false, steadyOnly);
    if (w.spreadHours < 3) {
      read = first;
      w.spreads(read, true, false, steadyOnly);
    }
    if (w.spreadHours < 3 || w.spreadExcessMean <= 0) {
      return steadyOnly; // (too few steady hours to read again: the first reading stands)
    }
    if (w.spreadMaxEx < 2 * w.spreadMinEx) {
      // Hours of one level: plus or times cannot be told apart, unless the few hours off that
      // level (a lunch break, a shift's shoulders) follow a factor by far. A two-shift plant's
      // first day after a daytime onset has no idle hour to tell them, and a daily upload sends
      // its night only the next day. Not where the hours read hold an idle hour (the flat window
      // will read it; the onset's part hour before them is no such hour: an idle hour before the
      // plant's day, its excess neither a constant's nor a factor's), nor over fewer than ten
      // hours (a factor fits a few hours by chance), nor over hours risen many times over (a load
      // added to idle hours of a few kW, whose small steps any factor seems to fit).
      return !timesLikelierByFar() || w.idleHoursSince(read, steadyOnly) > 0
          || w.spreadHours < HOURS_BY_FAR || w.spreadRatioMean > LARGEST_FACTOR_BY_FAR;
    }
    return w.plusResidual < w.timesResidual;
  }

  /** Whether the last {@link HourWindow#spreads} read "times" likelier by far than "plus". */
  private boolean timesLikelierByFar() {
    double plus = w.plusResidual;
    double times = w.timesResidual;
    return plus > 0 && (times <= 0
        || 0.5 * w.spreadHours * Math.log(plus / times) >= TIMES_LOG_LIKELIER);
  }

  /**
   * The first hour of the excess from raised hour first on: a lone raised hour before the change
   * (a morning begun early) is skipped, the excess starts with a run.
   */
  private int excessStart(int first) {
    while (first + 1 < H && !raised[first + 1]) {
      first++;
      while (first < H && !raised[first]) {
        first++;
      }
    }
    return first;
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
