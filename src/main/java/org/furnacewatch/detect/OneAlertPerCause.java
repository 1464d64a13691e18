package org.furnacewatch.detect;

/**
 * One alert per cause: whether a finding's evidence is the echo of a cause the district already
 * has at that site (read from the open episodes). A furnace's load raised between its heats, a
 * miner going off and on, a multiplied load's own cycling, a shape read again as a coarser one:
 * tracked as evidence, not raised again. Reads {@link EpisodeTracker} (and marks an episode opened
 * as an echo); allocates nothing.
 */
final class OneAlertPerCause {
  private static final FindingKind[] MELTING = {FindingKind.FURNACE_SIGNATURE, FindingKind.RESURGENCE};

  private final EpisodeTracker episodes;

  OneAlertPerCause(EpisodeTracker episodes) {
    this.episodes = episodes;
  }

  /**
   * One alert per cause: an enterprise with a FURNACE_SIGNATURE or RESURGENCE episode seen within
   * the echo window melts or draws power where it must not, and that alert already names the
   * load. Its coarser echoes (the load raised, at night, far above peers) are tracked but not
   * raised separately.
   */
  boolean explainedByMelting(int e, long endTs, long gapSeconds) {
    // As for shapes: a furnace rests for days, and once its hours are learned its heats are not
    // new; the load it raises between its alerts is the same cause.
    long gap = Math.max(gapSeconds, ECHO_SECONDS);
    for (FindingKind k : MELTING) {
      if (episodes.start(e, k) != Long.MIN_VALUE && endTs - episodes.last(e, k) <= gap) {
        return true;
      }
    }
    return false;
  }

  /**
   * One alert per cause: cycling that is a flat load found more than three days before its first
   * heat, going off and on (a miner's outages and restarts), is that load, not a furnace. Its
   * dips fall through the flat load, to below half of it, and its heats are no more than twice
   * it; a furnace added beside a miner heats on top of the miner's load and is raised.
   */
  boolean flatLoadSwitching(int e, long firstTs, FurnaceCycleDetector d, double heatKw) {
    long flatFrom = episodes.start(e, FindingKind.FLAT_CONTINUOUS);
    double flatKw = episodes.flatLoadKw(e);
    return flatFrom != Long.MIN_VALUE && firstTs - flatFrom > RESHAPE_SECONDS
        && firstTs - episodes.last(e, FindingKind.FLAT_CONTINUOUS) <= ECHO_SECONDS
        && d.baseKw < 0.5 * flatKw && heatKw <= 2 * flatKw;
  }

  /**
   * Whether the last screen's heats stand on a raised floor, the plant's own load multiplied and
   * cycling with it, at a site with no licensed furnace (levelKw: the learned kW of the hours they
   * ran in). A furnace switches off between heats, down to the plant's own load; a load multiplied
   * (a level shift at a site whose pumps or compressors cycle) lifts its lowest quarter hours with
   * it, by the factor less one, and its swings grow with the level they swing in. Either:
   * <ul>
   *   <li>the dips stay above the learned level by at least {@link #RAISED_FLOOR} of the heat; or
   *   <li>they stay above it by at least {@link #FLOOR_OVER_LEVEL} of the level, under heats no
   *       larger than {@link #HEATS_OVER_LEVEL} times it: a furnace melting at a small site stands
   *       several times above its level. Traced: water works whose pumps never cycled above their
   *       baseline, multiplied 1.8-3 times, dips 0.19-0.43 of the level above it under heats of
   *       0.66-0.98 of it; furnaces at small sites, heats 3-100 times the level.
   * </ul>
   */
  static boolean raisedFloor(EnterpriseContext c, FurnaceCycleDetector d, double levelKw) {
    double heatKw = d.plateauKw - d.baseKw;
    return c.licensedFurnaceKw() <= 0 && (d.baseKw >= RAISED_FLOOR * heatKw
        || levelKw > 0 && d.baseKw >= FLOOR_OVER_LEVEL * levelKw
        && heatKw <= HEATS_OVER_LEVEL * levelKw);
  }

  /** The share of a heat a furnace's dips may stay above the learned level (holding, the plant's swing). */
  private static final double RAISED_FLOOR = 0.5;
  private static final double FLOOR_OVER_LEVEL = 0.15;
  private static final double HEATS_OVER_LEVEL = 1.5;

  /**
   * One alert per cause: cycling at a site whose load was raised as a LEVEL_SHIFT, seen within the
   * echo window, is that level shift's load where it stands on a raised floor ({@link
   * #raisedFloor}; levelKw: the learned kW of the window's hours), or where it begins more than
   * three days after the level shift and its heats are no larger than {@link #LEVEL_LOAD_HEATS}
   * times the shift's excess: a load multiplied (pumps, compressors) cycles at its own new size
   * once the baseline has learned part of it. A furnace that comes with the rise is raised within
   * the three days, and goes on being judged as one while its episode lasts (its own load may have
   * read as the level shift); a furnace added weeks later beside a plant that grew heats above the
   * growth.
   */
  boolean levelShiftedLoadCycling(int e, long firstTs, long endTs, EnterpriseContext c,
      FurnaceCycleDetector d, double heatKw, double levelKw, long gapSeconds) {
    long shiftFrom = episodes.start(e, FindingKind.LEVEL_SHIFT);
    if (shiftFrom == Long.MIN_VALUE
        || endTs - episodes.last(e, FindingKind.LEVEL_SHIFT) > ECHO_SECONDS) {
      return false;
    }
    return raisedFloor(c, d, levelKw) || firstTs - shiftFrom > RESHAPE_SECONDS
        && !explainedByMelting(e, endTs, gapSeconds)
        && heatKw <= LEVEL_LOAD_HEATS * episodes.levelLoadKw(e);
  }

  /** How much larger than a level shift's excess its cycling may heat (traced: 0.45-1.18 times). */
  private static final double LEVEL_LOAD_HEATS = 1.25;

  /**
   * One alert per cause: a load already raised as a more specific shape kind (FLAT_CONTINUOUS,
   * then NIGHT_LOAD, then LEVEL_SHIFT, then PEER_OUTLIER: a raised load stands out from its peers
   * too) is not raised again as a less specific one. The reverse is allowed in the shape's first
   * days only: a miner may look like a level shift for its first hours, until its flat day is
   * seen; a level shift read as flat weeks later, on a Sunday, is the same load. A miner's flat
   * window begins within the day after its first raised hours ({@link #FLAT_RESHAPE_SECONDS});
   * a load raised as another shape and read as flat later than that is that shape's load (a
   * level shift's plant working round the clock for a while). Evidence in an episode's phase: an
   * episode opened as such an echo is marked, and stays one for its life.
   */
  boolean explainedByOtherShape(int e, FindingKind kind, int phase, long firstTs, long endTs,
      long gapSeconds) {
    return explainedByOtherShape(e, kind, phase, firstTs, endTs, gapSeconds, true);
  }

  /**
   * {@link #explainedByOtherShape}, where reshapes false gives the finding no first days to rename
   * a level shift in: a flat floor alone, with no hour at work to carry the excess (a plant closed
   * for the Spring Festival), tells a miner's first day no better than the level shift already
   * raised there, whose factor multiplied the floor too. (A night load's is no such floor: its work
   * moved to the night, and a rest day's floor raised round the clock after it is a miner's first
   * day. Nor is a weekend's: miners switched on of an evening, raised as level shifts within
   * hours, are told by their Sunday's floor within 36 h.)
   */
  boolean explainedByOtherShape(int e, FindingKind kind, int phase, long firstTs, long endTs,
      long gapSeconds, boolean reshapes) {
    // An episode whose opening was an echo stays one: a load's episodes pause and re-open (a level
    // shift's load through the Spring Festival holiday) and each explains the other's re-opening;
    // a window judged again after a late reading, reaching back before the other's newest
    // opening, would read as that shape's first hours.
    if (phase != EpisodeTracker.OPENED && episodes.echo(e, kind)) {
      return true;
    }
    if (shapeEcho(e, kind, firstTs, endTs, gapSeconds, reshapes)) {
      if (phase == EpisodeTracker.OPENED) {
        episodes.markEcho(e, kind);
      }
      return true;
    }
    return false;
  }

  private boolean shapeEcho(int e, FindingKind kind, long firstTs, long endTs, long gapSeconds,
      boolean reshapes) {
    // Not the episode gap: a miner's flat day cannot be confirmed over a weekend, and its load
    // does not become a new level shift because its evidence paused.
    long gap = Math.max(gapSeconds, ECHO_SECONDS);
    boolean moreSpecific = true;
    for (FindingKind k : SHAPES) {
      if (k == kind) {
        moreSpecific = false;
      } else if (episodes.start(e, k) != Long.MIN_VALUE && endTs - episodes.last(e, k) <= gap
          && (moreSpecific || !reshapes && k == FindingKind.LEVEL_SHIFT
              || firstTs - episodes.start(e, k) > reshapeSeconds(kind))) {
        return true;
      }
    }
    return false;
  }

  /**
   * How long an alerted cause explains its echoes after its last evidence: four weeks, the time a
   * district takes to verify on site and open a case. A baseline that learned the raised load
   * meanwhile reads its later swings as new shapes (a miner's Sunday as flat, a furnace's
   * plant as a level shift): the same site, the same cause, already with the district.
   */
  private static final long ECHO_SECONDS = 28 * 86_400L;

  /** How long after a shape was raised its load may still be raised as a more specific one. */
  private static final long RESHAPE_SECONDS = 3 * 86_400L;

  /**
   * How long after a shape was raised its load may still be raised as FLAT_CONTINUOUS: a day
   * (the flat window) and a quarter. Miners first raised as another shape had their flat window
   * begin 0-25 h after it (sets 68-73, those found within 36 h: at most 13 h but one); level
   * shifts read as flat later began theirs 22-65 h after.
   */
  private static final long FLAT_RESHAPE_SECONDS = 30 * 3_600L;

  private static long reshapeSeconds(FindingKind kind) {
    return kind == FindingKind.FLAT_CONTINUOUS ? FLAT_RESHAPE_SECONDS : RESHAPE_SECONDS;
  }

  /** Most specific first. */
  private static final FindingKind[] SHAPES = {FindingKind.FLAT_CONTINUOUS, FindingKind.NIGHT_LOAD,
      FindingKind.LEVEL_SHIFT};
}
