package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A site that runs round the clock near its contracted capacity from the watch's first day, among
 * peers that work a day shift: it has no history of its own to be judged against, so its peers
 * judge it within 36 hours, fed as the power company feeds (half-day uploads over several
 * requests, rows shuffled), and fed in time order alike.
 */
class FirstDaysPeersTest {
  static final LocalDate START = LocalDate.of(2025, 9, 1); // a Monday
  static final int DAYS = 12;
  static final int PEERS = 12;
  static final int OUTLIER = 12;
  static final int LEGAL_ROUND_THE_CLOCK = 13;
  static final int TURNS_ROUND_THE_CLOCK = 14;
  static final int ENTERPRISES = 15;

  record Row(int enterprise, long ts, double kwh) {}

  /** A Saturday: the day-shift peers rest, the two-shift ones (SATURDAY_SHIFTS) work. */
  static final LocalDate SATURDAY = LocalDate.of(2025, 9, 6);
  static final int[] SATURDAY_SHIFTS = {0, 1, 2};

  static List<Row> district(LocalDate start) {
    List<Row> rows = new ArrayList<>();
    long first = Fixtures.firstSlotEnd(start);
    for (int e = 0; e < ENTERPRISES; e++) {
      double[] kwh = Fixtures.dayShift(start, DAYS, 40, 600, 200 + e);
      if (start.equals(SATURDAY) && e <= SATURDAY_SHIFTS[SATURDAY_SHIFTS.length - 1]) {
        for (int i = 0; i < kwh.length; i++) { // 08:00-24:00 at 800 kW every day: half its capacity
          kwh[i] = (i % DAY >= 32 ? 800 : 50) / 4.0 * (1 + 0.03 * Math.sin(i));
        }
      } else if (e == OUTLIER) {
        kwh = Fixtures.flat(DAYS, 900, 0.02, 212);
      } else if (e == LEGAL_ROUND_THE_CLOCK) {
        kwh = Fixtures.flat(DAYS, 350, 0.05, 213); // round the clock, well within its capacity
      } else if (e == TURNS_ROUND_THE_CLOCK) {
        double[] flat = Fixtures.flat(DAYS, 900, 0.02, 214);
        System.arraycopy(flat, 9 * DAY, kwh, 9 * DAY, 3 * DAY); // after a week and more of its own
      }
      for (int i = 0; i < kwh.length; i++) {
        rows.add(new Row(e, first + 900L * i, kwh[i]));
      }
    }
    return rows;
  }

  static DatedContexts contexts() {
    DatedContexts c = new DatedContexts();
    for (int e = 0; e < ENTERPRISES; e++) {
      c.set(e, EnterpriseContext.operating("2929", "500102", 1000));
    }
    // Its meter replaced on day 7: its history restarts, yet it is not a site new to the watch.
    long replaced = Fixtures.firstSlotEnd(START) - 900 + 7 * 86_400L;
    c.set(TURNS_ROUND_THE_CLOCK, replaced,
        EnterpriseContext.operating("2929", "500102", 1000).withLastMeterChange(replaced));
    return c;
  }

  /** Half-day uploads, each over three requests in random order, arriving an hour after its end. */
  static RecordingSink feedAsPowerCompany(boolean shuffled) {
    return feedAsPowerCompany(START, shuffled);
  }

  static RecordingSink feedAsPowerCompany(LocalDate start, boolean shuffled) {
    return feedAsPowerCompany(start, shuffled, -1);
  }

  /**
   * withheld: the outlier's rows of that upload come with the upload three later (its
   * concentrator quiet for a day and a half), -1: none.
   */
  static RecordingSink feedAsPowerCompany(LocalDate start, boolean shuffled, int withheld) {
    List<Row> rows = district(start);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(contexts(), sink);
    long first = Fixtures.firstSlotEnd(start) - 900;
    Random r = new Random(7);
    for (int h = 0; h < 2 * DAYS; h++) {
      long from = first + h * 43_200L;
      List<Row> upload = new ArrayList<>();
      for (Row row : rows) {
        int of = (int) Math.floorDiv(row.ts() - 1 - first, 43_200L);
        if (row.enterprise() == OUTLIER && of == withheld) {
          of += 3;
        }
        if (of == h) {
          upload.add(row);
        }
      }
      if (shuffled) {
        Collections.shuffle(upload, r);
      } else {
        upload.sort((a, b) -> Long.compare(a.ts(), b.ts()));
      }
      sink.currentTs = from + 43_200L + 3600;
      int requests = shuffled ? 3 : 1;
      int size = (upload.size() + requests - 1) / requests;
      for (int k = 0; k < upload.size(); k += size) {
        for (Row row : upload.subList(k, Math.min(upload.size(), k + size))) {
          engine.onReading(row.enterprise(), row.enterprise(), row.ts(), row.kwh());
        }
        engine.flush();
      }
    }
    engine.advanceTo(first + DAYS * 86_400L);
    assertEquals(0, engine.lateReadings());
    return sink;
  }

  static Set<String> firstDayPeerFindings(RecordingSink sink) {
    Set<String> out = new TreeSet<>();
    for (Finding f : sink.findings) {
      if (f.kind() == FindingKind.PEER_OUTLIER && f.features().containsKey("loadFactor")) {
        out.add(f.enterpriseIdx() + "|" + f.firstTs() + "|" + f.lastTs());
      }
    }
    return out;
  }

  @Test
  void roundTheClockNearCapacityFromTheFirstDay_raisedByItsPeersWithin36h() {
    assertRaisedWithin36h(START);
  }

  /**
   * Begun on a Saturday: most peers rest, three two-shift plants work at half their capacity.
   * The outlier stands far above both (a z over a group split in two would not show it), the
   * plants at work are not raised: they are the group's busiest tenth, not above it.
   */
  @Test
  void begunOnASaturday_theOutlierRaised_thePlantsAtWorkNot() {
    assertRaisedWithin36h(SATURDAY);
  }

  private static void assertRaisedWithin36h(LocalDate start) {
    RecordingSink sink = feedAsPowerCompany(start, true);
    long onset = Fixtures.firstSlotEnd(start) - 900;
    Finding first = null;
    long raisedAt = 0;
    for (int i = 0; i < sink.findings.size(); i++) {
      Finding f = sink.findings.get(i);
      if (f.kind() == FindingKind.PEER_OUTLIER && f.features().containsKey("loadFactor")) {
        assertEquals(OUTLIER, f.enterpriseIdx(), f.toString()); // (days past the horizon: any)
        if (first == null) {
          first = f;
          raisedAt = sink.feedTs.get(i);
        }
      }
    }
    assertTrue(first != null, "no PEER_OUTLIER");
    assertTrue(raisedAt - onset <= 36 * 3600, "raised " + (raisedAt - onset) / 3600.0 + " h after onset");
    Fixtures.assertSane(first);
    double ratio = first.features().get("ratioToPeerMedian");
    double loadFactor = first.features().get("loadFactor");
    assertTrue(ratio > 3, "21.6 kWh/kVA at a daily rate against the peers' mornings' 5.4 (a rest day's 1): " + ratio);
    assertEquals(0.9, loadFactor, 0.02);
    assertTrue(first.explanation().contains("90%"), first.explanation());
    assertTrue(first.explanation().contains(String.format("%.1f 倍", ratio)), first.explanation());
  }

  /**
   * Its first afternoon delivered a day and a half late (a quiet concentrator): its morning,
   * against its peers' mornings, raises it, not its first whole day at 61 h or its second at 49 h.
   */
  @Test
  void itsFirstAfternoonDeliveredLate_raisedWithin36hByItsMorning() {
    RecordingSink sink = feedAsPowerCompany(START, true, 1);
    long onset = Fixtures.firstSlotEnd(START) - 900;
    for (int i = 0; i < sink.findings.size(); i++) {
      Finding f = sink.findings.get(i);
      if (f.kind() == FindingKind.PEER_OUTLIER && f.features().containsKey("loadFactor")) {
        assertEquals(OUTLIER, f.enterpriseIdx(), f.toString());
        assertTrue(sink.feedTs.get(i) - onset <= 36 * 3600,
            "raised " + (sink.feedTs.get(i) - onset) / 3600.0 + " h after onset");
        assertTrue(f.explanation().contains("0-12 时") && f.explanation().contains("90%"),
            f.explanation());
        Fixtures.assertSane(f);
        return;
      }
    }
    throw new AssertionError("no PEER_OUTLIER");
  }

  /** Round the clock after a week and more of its own, two days after its meter was replaced. */
  @Test
  void aSiteWithAHistoryOfItsOwn_isNotJudgedByTheFirstDaysRule() {
    Set<String> found = firstDayPeerFindings(feedAsPowerCompany(true));
    assertTrue(found.stream().noneMatch(k -> k.startsWith(TURNS_ROUND_THE_CLOCK + "|")
        || k.startsWith(LEGAL_ROUND_THE_CLOCK + "|")), found.toString());
  }

  @Test
  void inTimeOrder_sameFindingsAsSplitAndShuffled() {
    Set<String> shuffled = firstDayPeerFindings(feedAsPowerCompany(true));
    assertTrue(!shuffled.isEmpty());
    assertEquals(shuffled, firstDayPeerFindings(feedAsPowerCompany(false)));
  }
}
