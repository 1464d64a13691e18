package org.furnacewatch.detect;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every detector threshold, immutable. {@link #DEFAULT} is the conservative production default
 * (the same values as {@code models/default-profile.json}); {@link ProfileResolver} merges
 * default <- industry <- district overrides.
 *
 * <p>Map form ({@link #toMap()}, {@link #fromMap}, {@link #with}): one object per section, keyed by
 * the section's component name, each holding its thresholds by component name, e.g.
 * {@code {"resurgence":{"minKw":30}}}; dotted flat keys ({@code "resurgence.minKw"}) are accepted
 * too. These names are the JSON keys and are stable: renaming one is a breaking change.
 * Keys starting with '_' are comments and ignored; any other unknown key is rejected.
 */
public record DetectionProfile(
    General general,
    Resurgence resurgence,
    Furnace furnace,
    LevelShift levelShift,
    NightLoad nightLoad,
    FlatContinuous flatContinuous,
    PeerOutlier peerOutlier,
    IntensityMismatch intensityMismatch) {

  /**
   * @param horizonHours how far (event time) behind an enterprise's newest reading a reading may
   *     arrive and still be judged in full: a slot is judged when every meter of the enterprise
   *     has reported it, or {@code settleHours} behind the newest reading; a reading arriving
   *     after that re-judges the windows it falls in (no duplicate alert)
   * @param settleHours an incomplete slot (a meter has not reported it) is judged this long
   *     behind the enterprise's newest reading, and judged again if the reading comes later
   * @param learnAfterHours a complete day teaches the baselines once it is this far behind the
   *     newest reading (so an anomaly is judged before it can become normal); an incomplete day
   *     teaches them at the horizon
   * @param peerDelayHours extra delay, after the horizon, before a day is scored against peers
   * @param minCoverage share of a day's 96 slots that must have data for the day to teach
   * @param warmupDays learned working days an enterprise needs before its load shape is judged
   * @param episodeGapHours evidence closer than this to the previous evidence of the same kind
   *     extends that episode (one open alert per kind) instead of opening a new one
   * @param nightStartHour local hour at which night starts
   * @param nightEndHour local hour at which night ends
   */
  public record General(int horizonHours, int settleHours, int learnAfterHours,
      int peerDelayHours, double minCoverage, int warmupDays, int episodeGapHours,
      int nightStartHour, int nightEndHour) {}

  /**
   * @param minKw standby ceiling when nothing else is known
   * @param standbyMargin the ceiling is at least the known standby kW times this
   * @param capacityShare the ceiling is at least this share of contracted kVA (x 0.9 power factor)
   * @param triggerSlots fire when this many of the last {@code windowSlots} readings exceed it
   * @param windowSlots see triggerSlots (at most 31)
   * @param graceHours wind-down allowed after the closure took effect
   */
  public record Resurgence(boolean enabled, double minKw, double standbyMargin,
      double capacityShare, int triggerSlots, int windowSlots, int graceHours) {}

  /**
   * Induction-furnace heats: within {@code windowSlots} 15-minute slots, at least {@code
   * minCycles} heats of {@code minHeatSlots..maxHeatSlots} slots at or above {@code highLevel}
   * of the window's range, each followed by a dip of at most {@code maxDipSlots} (+1) slots
   * reaching {@code dipLevel} of the range or lower, or a notch (a tap inside a 15-minute average).
   *
   * @param minPlateauKw the window's range must reach this, and a raised furnace's heats 0.85 x this above its minimum
   * @param minDepthShare the window's range must be at least this share of its maximum
   * @param minCapacityShare plateau must be at least this share of contracted kVA x 0.9 (if known)
   * @param licensedTolerance licensed furnace kW x this covers the plateau at the hours the
   *     licensed furnace is known to run (not an alert)
   * @param confirmEvaluations consecutive hourly windows that must all show the cycles
   * @param minAutocorrelation FFT autocorrelation at the cycle period must reach this
   * @param noveltyRatio cycling the enterprise has shown before (compressors, pumps, a licensed
   *     furnace) is normal: only heats above this times the largest learned cycling, or at hours
   *     it never cycled, are new
   * @param historyDays learned days an enterprise needs before cycling is judged at all
   * @param newSiteDays an account whose first reading came three days or more after the watch
   *     began is new for this many days: its cycling is judged without history (0: never; for
   *     trades whose own machines cycle from the first day, cold stores and water works)
   */
  public record Furnace(boolean enabled, int windowSlots, int minCycles, int minHeatSlots,
      int maxHeatSlots, int maxDipSlots, double highLevel, double dipLevel, double minPlateauKw,
      double minDepthShare, double minCapacityShare, double licensedTolerance,
      int confirmEvaluations, double minAutocorrelation, double noveltyRatio, int historyDays,
      int newSiteDays) {}

  /**
   * Hours against the enterprise's own hourly baseline of the same day type (working day; rest
   * day = weekend or holiday, make-up days work). An hour is "raised" when its kWh is at least
   * {@code minRatio} x the baseline and above it by {@code minZ} robust sigmas and by the larger of
   * {@code minExcessKw} and {@code minExcessCapacityShare} x kVA.
   *
   * @param minHours raised hours within the trailing 24 needed for a LEVEL_SHIFT
   * @param baselineAlpha weight of a new day in the exponentially weighted hourly baseline
   * @param idleRatio days below this share of the baseline's day total (shutdowns, Spring
   *     Festival) do not teach the baseline
   * @param requireHeats only raise a level shift whose raised hours carry furnace-like heats
   *     (legal steel: its own load swings widely; an added induction furnace is what matters);
   *     with the furnace rule off, heats in hours the plant is otherwise all but idle, in two
   *     spells or one of five hours (four after midnight) within a day and a half, are raised as a
   *     level shift
   */
  public record LevelShift(boolean enabled, double minRatio, double minZ, double minExcessKw,
      double minExcessCapacityShare, int minHours, double baselineAlpha, double idleRatio,
      boolean requireHeats) {}

  /**
   * @param minHours raised night hours (the rest of the trailing day not raised, the night over)
   */
  public record NightLoad(boolean enabled, int minHours) {}

  /**
   * A flat load added around the clock (mining): the floor of the trailing 24 hours rose.
   *
   * @param minHours raised hours within the trailing 24
   * @param maxExcessCv the excess over the baseline is flat: its coefficient of variation at
   *     most this
   * @param minShapeCv the enterprise's working-day baseline has a daily shape (CV over its 24
   *     hours at least this); on a flat 24/7 load an added flat load is a LEVEL_SHIFT
   */
  public record FlatContinuous(boolean enabled, int minHours, double maxExcessCv,
      double minShapeCv) {}

  /**
   * @param minPeers peer group (same industry and district, judged that day) at least this large
   * @param minZ robust z (median/MAD) of log kWh per kVA at least this
   * @param minRatio kWh per kVA at least this times the group median
   * @param consecutiveDays scored days in a row
   * @param firstDaysMinRatio an enterprise in its first warmupDays days on the watch (the watch's
   *     first days, a new account's) is judged on one half-day (0-12 h, 12-24 h) against its
   *     peers' same half-day, scored as soon as they have reported it: kWh per kVA (at a daily
   *     rate) at least this times the group median
   * @param firstDaysMinRatioToTopTenth and at least this times the group's 90th percentile
   * @param firstDaysMinLoadFactor and, on a morning (0-12 h), a mean load at least this share of
   *     the contracted capacity: far above its peers, and using most of what it may draw
   * @param firstDaysMinAfternoonLoadFactor on an afternoon (12-24 h) at least this share: a
   *     two-shift plant works all of it and stands far above peers at rest on a rest day
   */
  public record PeerOutlier(boolean enabled, int minPeers, double minZ, double minRatio,
      int consecutiveDays, double firstDaysMinRatio, double firstDaysMinRatioToTopTenth,
      double firstDaysMinLoadFactor, double firstDaysMinAfternoonLoadFactor) {}

  /**
   * @param kwhPerTonneMax kWh a tonne of induction-furnace steel needs at most (600-800)
   * @param tolerance month kWh above declared tonnes x kwhPerTonneMax x this is a mismatch
   * @param kwhPerYuanMax kWh per yuan of invoiced sales the industry needs at most; 0 disables
   * @param minCoverage share of the month's slots with data
   * @param minMonthKwh months below this are not judged
   */
  public record IntensityMismatch(boolean enabled, double kwhPerTonneMax, double tolerance,
      double kwhPerYuanMax, double minCoverage, double minMonthKwh) {}

  /** The conservative default, identical to models/default-profile.json "default". */
  public static final DetectionProfile DEFAULT = new DetectionProfile(
      new General(72, 2, 36, 24, 0.9, 5, 48, 22, 6),
      new Resurgence(true, 30, 1.5, 0.08, 3, 4, 6),
      new Furnace(true, 32, 3, 2, 7, 2, 0.5, 0.4, 100, 0.5, 0.15, 1.3, 2, 0.0, 1.5, 2, 7),
      new LevelShift(true, 1.4, 4, 5, 0.03, 6, 0.1, 0.5, false),
      new NightLoad(true, 4),
      new FlatContinuous(true, 16, 0.35, 0.25),
      new PeerOutlier(true, 10, 6, 3, 3, 2, 1.5, 0.5, 0.75),
      new IntensityMismatch(true, 800, 1.5, 0, 0.8, 50_000));

  public DetectionProfile {
    if (general.horizonHours() < 24 || general.horizonHours() > 96
        || general.settleHours() < 1 || general.settleHours() > general.horizonHours()
        || general.learnAfterHours() < 0 || general.learnAfterHours() > general.horizonHours()
        || general.peerDelayHours() < 0 || general.peerDelayHours() > 48) {
      throw new IllegalArgumentException("general: 24 <= horizonHours <= 96, 1 <= settleHours <= "
          + "horizonHours, 0 <= learnAfterHours <= horizonHours, 0 <= peerDelayHours <= 48");
    }
    if (resurgence.windowSlots() < 1 || resurgence.windowSlots() > 31
        || resurgence.triggerSlots() > resurgence.windowSlots()) {
      throw new IllegalArgumentException("resurgence: 1 <= triggerSlots <= windowSlots <= 31");
    }
    if (furnace.windowSlots() < 8 || furnace.windowSlots() > 64) {
      throw new IllegalArgumentException("furnace.windowSlots in [8, 64]");
    }
  }

  /** Builds a profile from the default overlaid with {@code map} (nested or dotted keys). */
  public static DetectionProfile fromMap(Map<String, ?> map) {
    return DEFAULT.with(map);
  }

  /** This profile overlaid with {@code overrides} (nested or dotted keys). */
  public DetectionProfile with(Map<String, ?> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten("", toMap(), flat);
    Map<String, Object> given = new LinkedHashMap<>();
    flatten("", overrides, given);
    for (Map.Entry<String, Object> e : given.entrySet()) {
      if (!flat.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown detection profile key: " + e.getKey());
      }
      flat.put(e.getKey(), e.getValue());
    }
    try {
      RecordComponent[] sections = DetectionProfile.class.getRecordComponents();
      Object[] args = new Object[sections.length];
      for (int i = 0; i < sections.length; i++) {
        args[i] = build(sections[i].getName(), sections[i].getType(), flat);
      }
      return canonical(DetectionProfile.class).newInstance(args);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Nested map form: section -> key -> Number/Boolean, in declaration order. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      for (RecordComponent section : DetectionProfile.class.getRecordComponents()) {
        Object value = section.getAccessor().invoke(this);
        Map<String, Object> inner = new LinkedHashMap<>();
        for (RecordComponent c : section.getType().getRecordComponents()) {
          inner.put(c.getName(), c.getAccessor().invoke(value));
        }
        out.put(section.getName(), inner);
      }
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
    return out;
  }

  static void flatten(String prefix, Map<String, ?> map, Map<String, Object> out) {
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (e.getKey().startsWith("_")) {
        continue;
      }
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> inner) {
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) inner;
        flatten(key, m, out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }

  private static Object build(String section, Class<?> type, Map<String, Object> flat)
      throws ReflectiveOperationException {
    RecordComponent[] comps = type.getRecordComponents();
    Object[] args = new Object[comps.length];
    for (int i = 0; i < comps.length; i++) {
      String key = section + "." + comps[i].getName();
      args[i] = coerce(key, comps[i].getType(), flat.get(key));
    }
    return canonical(type).newInstance(args);
  }

  private static Object coerce(String key, Class<?> type, Object v) {
    if (type == boolean.class) {
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
        return Boolean.parseBoolean(s);
      }
    } else if (v instanceof Number n) {
      if (type == int.class) {
        if (n.doubleValue() != Math.rint(n.doubleValue())) {
          throw new IllegalArgumentException(key + " must be an integer");
        }
        return n.intValue();
      }
      return n.doubleValue();
    } else if (v instanceof String s) {
      try {
        return type == int.class ? (Object) Integer.parseInt(s) : (Object) Double.parseDouble(s);
      } catch (NumberFormatException ignored) {
        // fall through to the error naming the key
      }
    }
    throw new IllegalArgumentException(key + " must be a " + type.getSimpleName() + ": " + v);
  }

  private static <T> Constructor<T> canonical(Class<T> type) throws NoSuchMethodException {
    RecordComponent[] comps = type.getRecordComponents();
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
    }
    return type.getDeclaredConstructor(types);
  }
}
