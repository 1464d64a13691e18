package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/** Event-time determinism, rebuild without duplicates, peers, state budget. */
class EngineReplayTest {
  static final LocalDate START = LocalDate.of(2025, 9, 1);
  static final int DAYS = 30;
  static final int ENTERPRISES = 14;

  record Reading(int meter, int enterprise, long ts, double kwh) {}

  /** A small district: 12 day-shift peers (one melting at night, one 5x peers), a closed site reviving. */
  static List<Reading> district() {
    List<Reading> out = new ArrayList<>();
    long first = Fixtures.firstSlotEnd(START);
    for (int e = 0; e < ENTERPRISES; e++) {
      double[] kwh = Fixtures.dayShift(START, DAYS, 20, 300, 100 + e);
      if (e == 3) {
        Fixtures.addFurnace(kwh, 20, DAYS, 0, 24, 500, 7);
      }
      if (e == 5) {
        kwh = Fixtures.dayShift(START, DAYS, 100, 1500, 105);
      }
      if (e == 13) {
        kwh = Fixtures.flat(DAYS, 5, 0.2, 113);
        for (int i = 25 * DAY + 10; i < DAYS * DAY; i++) {
          kwh[i] = 350 / 4.0;
        }
      }
      for (int i = 0; i < kwh.length; i++) {
        if (e == 7 && i % 50 == 0) {
          continue; // a flaky meter
        }
        out.add(new Reading(e, e, first + 900L * i, kwh[i]));
      }
    }
    out.sort((a, b) -> a.ts != b.ts ? Long.compare(a.ts, b.ts) : Integer.compare(a.meter, b.meter));
    return out;
  }

  static DatedContexts contexts() {
    DatedContexts c = new DatedContexts();
    for (int e = 0; e < ENTERPRISES; e++) {
      c.set(e, EnterpriseContext.operating("3311", "500102", 2000));
    }
    c.set(13, EnterpriseContext.operating("3311", "500102", 2000)
        .withStatus(EnterpriseStatus.BANNED, Long.MIN_VALUE));
    return c;
  }

  static RecordingSink replay(List<Reading> readings, long alreadyEmittedUpTo) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(contexts(), sink);
    engine.alreadyEmittedUpTo(alreadyEmittedUpTo);
    for (Reading r : readings) {
      engine.onReading(r.meter, r.enterprise, r.ts, r.kwh);
    }
    assertEquals(0, engine.lateReadings());
    engine.advanceTo(readings.stream().mapToLong(Reading::ts).max().orElseThrow() + 2 * 86_400);
    return sink;
  }

  static Set<String> signatures(RecordingSink sink) {
    Set<String> s = new HashSet<>();
    for (Finding f : sink.findings) {
      s.add(f.key() + "|" + f.phase() + "|" + f.lastTs() + "|" + f.score());
    }
    return s;
  }

  @Test
  void replay_findsExpectedKinds() {
    RecordingSink sink = replay(district(), Long.MIN_VALUE);
    Set<String> kinds = new HashSet<>();
    for (Finding f : sink.findings) {
      kinds.add(f.enterpriseIdx() + ":" + f.kind());
    }
    assertTrue(kinds.contains("3:FURNACE_SIGNATURE"), kinds.toString());
    assertTrue(kinds.contains("13:RESURGENCE"), kinds.toString());
    assertTrue(kinds.contains("5:PEER_OUTLIER"), kinds.toString());
    assertTrue(kinds.stream().noneMatch(k -> k.startsWith("7:") || k.startsWith("0:")),
        kinds.toString());
  }

  @Test
  void replay_outOfOrderWithinLateness_sameFindingsAsInOrder() {
    List<Reading> inOrder = district();
    // Shuffle within blocks spanning less than the 2-hour lateness across all meters.
    List<Reading> shuffled = new ArrayList<>(inOrder);
    Random r = new Random(99);
    int block = ENTERPRISES * 6; // 6 slots = 90 minutes of every meter
    for (int from = 0; from < shuffled.size(); from += block) {
      List<Reading> sub = shuffled.subList(from, Math.min(shuffled.size(), from + block));
      java.util.Collections.shuffle(sub, r);
    }
    assertTrue(!shuffled.equals(inOrder));
    Set<String> a = signatures(replay(inOrder, Long.MIN_VALUE));
    Set<String> b = signatures(replay(shuffled, Long.MIN_VALUE));
    assertTrue(a.size() >= 4, a.toString());
    assertEquals(a, b);
  }

  /** Alerts a feed opens: enterprise, kind, where the evidence starts, how many alerts. */
  static Set<String> opened(List<List<Reading>> requests) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(contexts(), sink);
    long newest = Long.MIN_VALUE;
    for (List<Reading> request : requests) {
      for (Reading r : request) {
        engine.onReading(r.meter, r.enterprise, r.ts, r.kwh);
        newest = Math.max(newest, r.ts);
      }
      engine.flush(); // as the service does after each commit
    }
    assertEquals(0, engine.lateReadings());
    engine.advanceTo(newest + 2 * 86_400);
    // One alert per episode; its start is the earliest evidence, corrected by later findings.
    java.util.Map<String, Long> start = new java.util.TreeMap<>();
    java.util.Map<String, Integer> alerts = new java.util.TreeMap<>();
    for (Finding f : sink.findings) {
      String key = f.enterpriseIdx() + ":" + f.kind();
      start.merge(key, f.firstTs(), Math::min);
      if (f.phase() == Finding.Phase.OPENED) {
        alerts.merge(key, 1, Integer::sum);
      }
    }
    Set<String> s = new HashSet<>();
    start.forEach((k, v) -> s.add(k + ":" + v + ":" + alerts.getOrDefault(k, 0)));
    return s;
  }

  /**
   * Half-day uploads (every meter's 48 readings of 00:00-12:00, then of 12:00-24:00), rows in
   * random order, each upload split over three requests; with {@code recollectShare} of the rows
   * held back and delivered one to six uploads (up to 72 h) later, as 补采.
   */
  static List<List<Reading>> halfDayUploads(List<Reading> all, double recollectShare, long seed) {
    Random r = new Random(seed);
    long first = Fixtures.firstSlotEnd(START);
    java.util.TreeMap<Integer, List<Reading>> uploads = new java.util.TreeMap<>();
    for (Reading x : all) {
      int upload = (int) ((x.ts - first) / 43_200);
      if (r.nextDouble() < recollectShare) {
        upload += 1 + r.nextInt(6);
      }
      uploads.computeIfAbsent(upload, k -> new ArrayList<>()).add(x);
    }
    List<List<Reading>> requests = new ArrayList<>();
    for (List<Reading> rows : uploads.values()) {
      java.util.Collections.shuffle(rows, r);
      int third = rows.size() / 3;
      requests.add(rows.subList(0, third));
      requests.add(rows.subList(third, 2 * third));
      requests.add(rows.subList(2 * third, rows.size()));
    }
    return requests;
  }

  @Test
  void powerCompanyFeed_halfDayUploadsShuffledAndRecollected_sameAlertsAsInOrder() {
    List<Reading> inOrder = district();
    Set<String> a = opened(List.of(inOrder));
    assertTrue(a.size() >= 3, a.toString());
    assertEquals(a, opened(halfDayUploads(inOrder, 0, 7)), "shuffled half-day uploads");
    assertEquals(a, opened(halfDayUploads(inOrder, 0.03, 8)), "with re-collected rows");
  }

  @Test
  void rebuild_alreadyEmittedUpTo_emitsNoDuplicates() {
    List<Reading> all = district();
    RecordingSink full = replay(all, Long.MIN_VALUE);
    // Live run crashed after 26 days; the service had emitted findings up to the latest lastTs.
    long crash = Fixtures.firstSlotEnd(START.plusDays(26));
    RecordingSink live = replay(all.stream().filter(x -> x.ts < crash).toList(), Long.MIN_VALUE);
    long emittedUpTo = live.findings.stream().mapToLong(Finding::lastTs).max().orElseThrow();
    RecordingSink rebuilt = replay(all, emittedUpTo);

    Set<String> seen = new HashSet<>();
    for (Finding f : live.findings) {
      seen.add(f.key() + "|" + f.phase() + "|" + f.lastTs());
    }
    for (Finding f : rebuilt.findings) {
      assertTrue(f.lastTs() > emittedUpTo);
      assertTrue(seen.add(f.key() + "|" + f.phase() + "|" + f.lastTs()), "duplicate " + f.key());
    }
    // Together they are exactly what one uninterrupted run emits, keys and all.
    Set<String> fullKeys = new HashSet<>();
    full.findings.forEach(f -> fullKeys.add(f.key() + "|" + f.phase() + "|" + f.lastTs()));
    assertEquals(fullKeys, seen);
  }

  @Test
  void engine_stateBudget_oneKibPerEnterpriseBeyondTheHorizonSlots() {
    DetectionEngine engine = Fixtures.engine(contexts(), f -> { });
    assertTrue(engine.stateBytesBeyondSlots() <= 1024,
        "state per enterprise beyond the slots " + engine.stateBytesBeyondSlots());
    // The ring holds the 72-hour horizon plus a day of rule windows.
    assertTrue(engine.ringSlots() >= 72 * 4 + Fixtures.DAY, "ring " + engine.ringSlots());
  }

  @Test
  void engine_recollectedReading72hLate_isJudgedNotLate_olderThanTheRingIsLate() {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(contexts(), sink);
    long t = Fixtures.firstSlotEnd(START);
    engine.onReading(0, 0, t + 900L * 400, 1);
    engine.onReading(0, 0, t + 900L * 112, 1); // 72 h behind (补采): accepted, re-judged
    engine.onReading(0, 0, t + 900L * 20, 1); // 95 h behind: still within reach
    engine.onReading(0, 0, t + 900L * 800, 1);
    engine.onReading(0, 0, t + 900L * 300, 1); // 125 h behind: beyond the ring, late
    engine.flush();
    assertEquals(4, engine.acceptedReadings());
    assertEquals(1, engine.lateReadings());
    assertEquals(2, engine.rejudgedReadings());
    engine.onReading(0, 0, t, -5);
    assertEquals(1, engine.invalidReadings());
  }
}
