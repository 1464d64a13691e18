package org.furnacewatch.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Test fixtures: real-shaped load series, a dated registry, a recording sink. */
final class Fixtures {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** The shipped working calendar (calendar/cn-workdays.json) as detection receives it. */
  static final org.furnacewatch.calendar.DayTypes CALENDAR =
      org.furnacewatch.calendar.WorkingCalendar.shipped().days();
  static final int DAY = 96;

  private Fixtures() {}

  /** Epoch second of a Shanghai local date-time, e.g. "2024-02-01T00:15". */
  static long ts(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toEpochSecond();
  }

  /** Interval-end time of the first slot of a local day. */
  static long firstSlotEnd(LocalDate day) {
    return day.atStartOfDay(SHANGHAI).toEpochSecond() + 900;
  }

  /** The registry's dated history: per enterprise, records by effective time. */
  static final class DatedContexts implements ContextSource {
    private final Map<Integer, TreeMap<Long, EnterpriseContext>> byEnterprise = new HashMap<>();

    DatedContexts set(int e, long from, EnterpriseContext c) {
      byEnterprise.computeIfAbsent(e, k -> new TreeMap<>()).put(from, c);
      return this;
    }

    DatedContexts set(int e, EnterpriseContext c) {
      return set(e, Long.MIN_VALUE, c);
    }

    @Override
    public EnterpriseContext at(int e, long ts) {
      TreeMap<Long, EnterpriseContext> h = byEnterprise.get(e);
      if (h == null) {
        return EnterpriseContext.UNKNOWN;
      }
      Map.Entry<Long, EnterpriseContext> cur = h.floorEntry(ts);
      if (cur == null) {
        return EnterpriseContext.UNKNOWN;
      }
      Long next = h.higherKey(ts);
      return next == null ? cur.getValue() : cur.getValue().withValidUntil(next);
    }
  }

  /** Records findings and the event time of the reading being fed when each arrived. */
  static final class RecordingSink implements FindingSink {
    final List<Finding> findings = new ArrayList<>();
    final List<Long> feedTs = new ArrayList<>();
    long currentTs;

    @Override
    public void onFinding(Finding f) {
      assertSane(f);
      findings.add(f);
      feedTs.add(currentTs);
    }

    List<Finding> of(FindingKind kind) {
      return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    List<Finding> opened(FindingKind kind) {
      return of(kind).stream().filter(f -> f.phase() == Finding.Phase.OPENED).toList();
    }

    /** Event time of the reading that was being fed when the first finding of a kind arrived. */
    long detectedAt(FindingKind kind) {
      for (int i = 0; i < findings.size(); i++) {
        if (findings.get(i).kind() == kind) {
          return feedTs.get(i);
        }
      }
      return Long.MAX_VALUE;
    }

    /**
     * Asserts the first finding of a kind arrived within 36 event-time hours of the onset (the
     * issue's bound), not before it.
     */
    void assertFirstWithin36Hours(FindingKind kind, String onsetAt) {
      if (detectedAt(kind) == Long.MAX_VALUE) {
        throw new AssertionError(kind + " never raised after onset " + onsetAt + ": " + findings);
      }
      long after = detectedAt(kind) - OffsetDateTime.parse(onsetAt).toEpochSecond();
      if (after < 0 || after > 36 * 3600) {
        throw new AssertionError(
            kind + " first raised " + after / 3600 + " h after onset " + onsetAt);
      }
    }
  }

  /** Structural invariants of every finding. */
  static void assertSane(Finding f) {
    if (!(f.score() >= 0.5 && f.score() <= 1)) {
      throw new AssertionError("score out of [0.5, 1]: " + f);
    }
    if (f.firstTs() > f.lastTs()) {
      throw new AssertionError("firstTs after lastTs: " + f);
    }
    if (f.explanation().isBlank() || f.thresholdsCrossed().isEmpty()) {
      throw new AssertionError("no explanation or thresholds: " + f);
    }
    for (String line : f.thresholdsCrossed()) {
      // "name value >= limitName limit": the evidence must say what is so
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("^\\S+ (-?[\\d.]+) >= \\S+ (-?[\\d.]+)$").matcher(line);
      if (m.matches() && Double.parseDouble(m.group(1)) < Double.parseDouble(m.group(2))) {
        throw new AssertionError("threshold line not crossed: " + line + " in " + f);
      }
    }
    // a flat load claims the hours it tested one by one raised by at least its excess: above zero
    Double flatExcess = f.features().get("flatExcessKw");
    if (flatExcess != null && !(flatExcess > 0)) {
      throw new AssertionError("flat excess not above zero: " + f);
    }
    if (f.evidenceTs().length != f.evidenceKwh().length) {
      throw new AssertionError("evidence arrays differ: " + f);
    }
    for (int i = 1; i < f.evidenceTs().length; i++) {
      if (f.evidenceTs()[i] <= f.evidenceTs()[i - 1]) {
        throw new AssertionError("evidence not ascending: " + f);
      }
    }
  }

  /** One past the index of the slot ending at local time t, in a series from start's first slot. */
  static int slotOf(LocalDate start, String t) {
    return (int) ((ts(t) - firstSlotEnd(start)) / 900) + 1;
  }

  /**
   * Feeds one enterprise's series from start's first slot, in order, then lets event time run two
   * days past it: what the engine raised.
   */
  static RecordingSink replay(ContextSource ctx, LocalDate start, double[] kwh) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = engine(ctx, sink);
    long first = firstSlotEnd(start);
    feed(engine, sink, 0, 0, first, kwh);
    engine.advanceTo(first + 900L * kwh.length + 2 * 86_400);
    return sink;
  }

  /** Feeds a series in order; NaN values are gaps (no reading). */
  static void feed(DetectionEngine engine, RecordingSink sink, int meter, int enterprise,
      long firstEnd, double[] kwh) {
    for (int i = 0; i < kwh.length; i++) {
      if (Double.isNaN(kwh[i])) {
        continue;
      }
      long t = firstEnd + 900L * i;
      if (sink != null) {
        sink.currentTs = t;
      }
      engine.onReading(meter, enterprise, t, kwh[i]);
    }
  }

  /**
   * A day-shift factory: base load at night and on rest days, working days 08:00-18:00 at dayKw
   * with a lunch dip, 5% noise. Rest days follow the shipped working calendar.
   */
  static double[] dayShift(LocalDate start, int days, double baseKw, double dayKw, long seed) {
    Random r = new Random(seed);
    double[] out = new double[days * DAY];
    for (int d = 0; d < days; d++) {
      boolean working = CALENDAR.isWorkingDay(start.plusDays(d));
      for (int s = 0; s < DAY; s++) {
        double kw = baseKw;
        if (working && s >= 32 && s < 72) {
          kw = (s >= 48 && s < 52) ? 0.6 * dayKw : dayKw;
        }
        out[d * DAY + s] = kw / 4 * (1 + 0.05 * r.nextGaussian());
      }
    }
    return out;
  }

  /**
   * A two-shift plant: 08:00-24:00 at busyKw on working days, nightKw otherwise, with relative
   * noise cv.
   */
  static double[] twoShift(LocalDate start, int days, double nightKw, double busyKw, double cv,
      long seed) {
    Random r = new Random(seed);
    double[] out = new double[days * DAY];
    for (int d = 0; d < days; d++) {
      boolean working = CALENDAR.isWorkingDay(start.plusDays(d));
      for (int s = 0; s < DAY; s++) {
        out[d * DAY + s] = (working && s >= 32 ? busyKw : nightKw) / 4.0 * (1 + cv * r.nextGaussian());
      }
    }
    return out;
  }

  /** Near-constant load (24/7 process or miner): kW with relative noise cv. */
  static double[] flat(int days, double kw, double cv, long seed) {
    Random r = new Random(seed);
    double[] out = new double[days * DAY];
    for (int i = 0; i < out.length; i++) {
      out[i] = kw / 4 * (1 + cv * r.nextGaussian());
    }
    return out;
  }

  /**
   * Adds induction-furnace melting to slots [from, to) of each day in [fromDay, toDay): heats of
   * 3-6 slots near plateauKw, dips of 1-2 slots at 10-25% of it.
   */
  static void addFurnace(double[] kwh, int fromDay, int toDay, int fromSlot, int toSlot,
      double plateauKw, long seed) {
    Random r = new Random(seed);
    for (int d = fromDay; d < toDay; d++) {
      int s = fromSlot;
      while (s < toSlot) {
        int heat = 3 + r.nextInt(4);
        for (int k = 0; k < heat && s < toSlot; k++, s++) {
          add(kwh, d * DAY + s, plateauKw * (0.95 + 0.1 * r.nextDouble()) / 4);
        }
        int dip = 1 + r.nextInt(2);
        for (int k = 0; k < dip && s < toSlot; k++, s++) {
          add(kwh, d * DAY + s, plateauKw * (0.1 + 0.15 * r.nextDouble()) / 4);
        }
      }
    }
  }

  private static void add(double[] kwh, int i, double v) {
    if (i < kwh.length && !Double.isNaN(kwh[i])) {
      kwh[i] += v;
    }
  }

  /** Real 2018 steel-plant load (DAEWOO Steel, UCI 851, CC BY 4.0); first value ends 2018-01-01 00:15. */
  static double[] steelPlant2018() {
    return resourceKwh("/detect/steel-plant-2018-15min-kwh.txt");
  }

  /** A test resource of kWh per slot, one a line ('#' lines are comments). */
  static double[] resourceKwh(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      return Arrays.stream(lines).filter(l -> !l.isBlank() && !l.startsWith("#"))
          .mapToDouble(Double::parseDouble).toArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static DetectionEngine engine(ContextSource contexts, FindingSink sink) {
    return new DetectionEngine(contexts, ProfileResolver.defaultsOnly(), org.furnacewatch.calendar.WorkingCalendar.shipped().days(), sink, SHANGHAI, 4, 4);
  }

  /** {@link #engine} judged by the shipped profile (models/default-profile.json: industries' settings too). */
  static DetectionEngine engineWithShippedProfiles(ContextSource contexts, FindingSink sink) {
    return new DetectionEngine(contexts, shippedProfiles(), org.furnacewatch.calendar.WorkingCalendar.shipped().days(), sink, SHANGHAI, 4, 4);
  }

  static ProfileResolver shippedProfiles() {
    try {
      com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = m.readValue(
          java.nio.file.Path.of("models/default-profile.json").toFile(), Map.class);
      return ProfileResolver.fromDocument(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
