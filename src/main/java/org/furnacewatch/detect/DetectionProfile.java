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
   * @param latenessMinutes how late (event time) a reading may arrive behind the newest reading of
   *     its enterprise and still count; engine-wide, only the default profile's value is used
   * @param peerDelayHours extra delay before a day is closed for all enterprises and scored
   *     against peers; engine-wide, at most 48
   * @param minCoverage share of a day's 96 slots that must have data for the day to be judged
   * @param warmupDays judged days of history an enterprise needs before baseline rules apply
   * @param episodeGapHours evidence closer than this to the previous evidence of the same kind
   *     extends that episode (one open alert per kind) instead of opening a new one
   * @param nightStartHour local hour at which night starts
   * @param nightEndHour local hour at which night ends
   */
  public record General(int latenessMinutes, int peerDelayHours, double minCoverage,
      int warmupDays, int episodeGapHours, int nightStartHour, int nightEndHour) {}

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
   * of the window's range, each followed by a dip of at most {@code maxDipSlots} slots reaching
   * {@code dipLevel} of the range or lower.
   *
   * @param minPlateauKw heat plateau above the window minimum must reach this
   * @param minDepthShare the window's range must be at least this share of its maximum
   * @param minCapacityShare plateau must be at least this share of contracted kVA x 0.9 (if known)
   * @param licensedTolerance licensed furnace kW x this covers the plateau (not an alert)
   * @param confirmEvaluations consecutive hourly evaluations that must agree before firing
   * @param minAutocorrelation FFT autocorrelation at the cycle period must reach this
   */
  public record Furnace(boolean enabled, int windowSlots, int minCycles, int minHeatSlots,
      int maxHeatSlots, int maxDipSlots, double highLevel, double dipLevel, double minPlateauKw,
      double minDepthShare, double minCapacityShare, double licensedTolerance,
      int confirmEvaluations, double minAutocorrelation) {}

  /**
   * A day's kWh against the enterprise's own working-day or rest-day baseline.
   *
   * @param minRatio day kWh / baseline must reach this
   * @param minZ robust z of the day against baseline must reach this
   * @param minExcessKwh day kWh - baseline must reach this
   * @param consecutiveDays judged days in a row meeting all three
   * @param baselineAlpha weight of a new day in the exponentially weighted baseline
   * @param idleRatio days below this share of baseline (shutdowns, Spring Festival) do not
   *     update the baseline
   */
  public record LevelShift(boolean enabled, double minRatio, double minZ, double minExcessKwh,
      int consecutiveDays, double baselineAlpha, double idleRatio) {}

  /**
   * @param minShareIncrease night share of the day's kWh above the own baseline share by this
   * @param minNightRatio night kWh / own baseline night kWh must reach this
   * @param minNightKw mean night kW must reach this
   * @param consecutiveDays judged days in a row
   */
  public record NightLoad(boolean enabled, double minShareIncrease, double minNightRatio,
      double minNightKw, int consecutiveDays) {}

  /**
   * @param maxCv coefficient of variation of the day's 96 slots at most this
   * @param minKw mean kW at least this
   * @param consecutiveDays judged days in a row
   * @param minWorkingDays of which at least this many working days (a plant's base load over a
   *     long holiday is flat too)
   * @param requireNovelty only fire if the enterprise was not flat before (history of warmupDays)
   * @param maxFlatHistoryShare "not flat before": at most this share of the last 32 judged days
   *     were flat
   */
  public record FlatContinuous(boolean enabled, double maxCv, double minKw, int consecutiveDays,
      int minWorkingDays, boolean requireNovelty, double maxFlatHistoryShare) {}

  /**
   * @param minPeers peer group (same industry and district, judged that day) at least this large
   * @param minZ robust z (median/MAD) of log kWh per kVA at least this
   * @param minRatio kWh per kVA at least this times the group median
   * @param consecutiveDays scored days in a row
   */
  public record PeerOutlier(boolean enabled, int minPeers, double minZ, double minRatio,
      int consecutiveDays) {}

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
      new General(120, 24, 0.9, 14, 48, 22, 6),
      new Resurgence(true, 30, 1.5, 0.08, 3, 4, 6),
      new Furnace(true, 32, 3, 2, 7, 2, 0.75, 0.55, 150, 0.5, 0.25, 1.3, 2, 0.0),
      new LevelShift(true, 2.5, 6, 2000, 2, 0.1, 0.3),
      new NightLoad(true, 0.3, 3, 100, 2),
      new FlatContinuous(true, 0.06, 100, 3, 2, true, 0.3),
      new PeerOutlier(true, 10, 6, 3, 3),
      new IntensityMismatch(true, 800, 1.5, 0, 0.8, 50_000));

  public DetectionProfile {
    if (general.latenessMinutes() < 0 || general.peerDelayHours() < 0
        || general.peerDelayHours() > 48) {
      throw new IllegalArgumentException("general.latenessMinutes >= 0, 0 <= peerDelayHours <= 48");
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
