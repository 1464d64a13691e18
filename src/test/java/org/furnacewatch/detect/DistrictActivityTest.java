package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/** A district judged as a whole: when its plants all come back to work together, none of them is raised for it. */
class DistrictActivityTest {
  private static final int PLANTS = 40;
  private static final LocalDate START = LocalDate.of(2026, 2, 9);
  private static final int DAYS = 50;

  /**
   * The watch begins Monday 2026-02-09, plants at 40 % of their load for the Spring Festival (holiday 02-15 to
   * 02-23); after it they come back over ten days, to full load from 03-05, so every baseline was learned at
   * 40 %. None of them is raised for coming back (every one was, before the district's activity was judged).
   * Plant 0 starts melting at night from Tuesday 03-17 22:00 (heats of 400 kW above its floor): still found.
   */
  @Test
  void watchBegunInTheSpringFestivalWindDown_theReturnToWorkRaisesNobody() {
    int onset = (int) (LocalDate.of(2026, 3, 17).toEpochDay() - START.toEpochDay()) * DAY + 88;
    double[][] kwh = new double[PLANTS][];
    DatedContexts contexts = new DatedContexts();
    for (int e = 0; e < PLANTS; e++) {
      kwh[e] = Fixtures.dayShift(START, DAYS, 10 + e, 200 + 10 * e, 100 + e);
      for (int i = 0; i < kwh[e].length; i++) {
        kwh[e][i] *= activity(START.plusDays(i / DAY));
      }
      contexts.set(e, BaselineRulesTest.FACTORY);
    }
    for (int d = onset / DAY; d < DAYS - 1; d++) { // 22:00 to 04:00 the next morning
      Fixtures.addFurnace(kwh[0], d, d + 1, 88, 96, 400, d);
      Fixtures.addFurnace(kwh[0], d + 1, d + 2, 0, 16, 400, -d);
    }
    RecordingSink sink = new RecordingSink();
    long first = feedTheDistrict(contexts, sink, START, DAYS, kwh);
    assertEquals(List.of(), sink.findings.stream().filter(f -> f.enterpriseIdx() != 0).toList());
    List<Finding> melting = sink.opened(FindingKind.FURNACE_SIGNATURE);
    assertFalse(melting.isEmpty(), sink.findings.toString());
    long onsetTs = first + 900L * onset;
    assertTrue(melting.get(0).lastTs() >= onsetTs, melting.get(0).toString());
    assertTrue(sink.detectedAt(FindingKind.FURNACE_SIGNATURE) - onsetTs <= 24 * 3600, melting.get(0).toString());
  }

  /**
   * The watch begins Wednesday 2026-02-25, two days after the Spring Festival holiday, the district coming
   * back over ten days. Plant 0 stays at 40 % until Monday 03-02 (its workers back after 元宵), then runs at its
   * usual load at once: back later than the rest, so the district's activity index (the median plant) does not
   * cover it, and its level was learned at 40 %. Not a level shift (it was, before the baseline learned around
   * the festival was told apart). Plant 1, back with the rest, doubles its load from Tuesday
   * 03-24 09:00, four weeks after the holiday: still a level shift within 36 hours.
   */
  @Test
  void watchBegunOnTheReturnFromTheSpringFestival_aPlantBackLaterThanTheRestIsNotALevelShift() {
    LocalDate start = LocalDate.of(2026, 2, 25);
    int days = 40;
    int onset = (int) (LocalDate.of(2026, 3, 24).toEpochDay() - start.toEpochDay()) * DAY + 36;
    double[][] kwh = new double[PLANTS][];
    DatedContexts contexts = new DatedContexts();
    for (int e = 0; e < PLANTS; e++) {
      kwh[e] = Fixtures.dayShift(start, days, 10 + e, 200 + 10 * e, 300 + e);
      for (int i = 0; i < kwh[e].length; i++) {
        LocalDate date = start.plusDays(i / DAY);
        kwh[e][i] *= e == 0 ? (date.isBefore(LocalDate.of(2026, 3, 2)) ? 0.4 : 1) : activity(date);
      }
      contexts.set(e, BaselineRulesTest.FACTORY);
    }
    plantOneDoublesFrom(onset, kwh);
    RecordingSink sink = new RecordingSink();
    long first = feedTheDistrict(contexts, sink, start, days, kwh);
    assertPlantOneAloneIsALevelShiftWithin36Hours(sink, first + 900L * onset);
  }

  /**
   * The watch begins Monday 2026-02-09 in the wind-down, every plant at 40 % of its load; after the holiday each
   * comes back at its own pace, over 5 to 15 days, so no level was learned at the plant's usual load and the
   * district's median plant says little about a quick one. Plant 1 (back in ten days, with the median) adds a
   * load as large as its own from Monday 03-02 09:00, on its way back: a level shift within 36 hours (before the
   * district's spread was read it was held two weeks after the holiday, its baseline learned it meanwhile, and it
   * was never raised).
   * Plant 2 stays at 40 % a week after the rest set off and comes back at once on Monday 03-02, to a level the
   * district's quick plants do not show over their learned ones: it lagged the district, so it is not raised
   * (it was, with the spread alone). Nobody else is raised for coming back, the quickest ones included.
   */
  @Test
  void watchBegunInTheWindDown_aPlantThatAddsALoadOnItsWayBackIsALevelShift() {
    int days = 40;
    int onset = (int) (LocalDate.of(2026, 3, 2).toEpochDay() - START.toEpochDay()) * DAY + 36;
    double[][] kwh = new double[PLANTS][];
    DatedContexts contexts = new DatedContexts();
    for (int e = 0; e < PLANTS; e++) {
      kwh[e] = Fixtures.dayShift(START, days, 10 + e, 200 + 10 * e, 100 + e);
      int backInDays = e == 1 ? 10 : 5 + (e * 7) % 11;
      for (int i = 0; i < kwh[e].length; i++) {
        long back = START.plusDays(i / DAY).toEpochDay() - LocalDate.of(2026, 2, 24).toEpochDay();
        kwh[e][i] *= e == 2 ? (back < 6 ? 0.4 : 1) : back < 0 ? 0.4 : Math.min(1, 0.4 + 0.6 * (back + 1) / backInDays);
      }
      contexts.set(e, BaselineRulesTest.FACTORY);
    }
    plantOneDoublesFrom(onset, kwh);
    RecordingSink sink = new RecordingSink();
    long first = feedTheDistrict(contexts, sink, START, days, kwh);
    assertPlantOneAloneIsALevelShiftWithin36Hours(sink, first + 900L * onset);
  }

  private static void plantOneDoublesFrom(int onset, double[][] kwh) {
    for (int i = onset; i < kwh[1].length; i++) {
      kwh[1][i] *= 2;
    }
  }

  /** Plant 1 alone raised, one LEVEL_SHIFT reaching past the onset and found within 36 hours of it. */
  private static void assertPlantOneAloneIsALevelShiftWithin36Hours(RecordingSink sink, long onsetTs) {
    assertEquals(List.of(), sink.findings.stream().filter(f -> f.enterpriseIdx() != 1).toList());
    List<Finding> shifted = sink.opened(FindingKind.LEVEL_SHIFT);
    assertEquals(1, shifted.size(), sink.findings.toString());
    assertTrue(shifted.get(0).lastTs() >= onsetTs, shifted.get(0).toString());
    assertTrue(sink.detectedAt(FindingKind.LEVEL_SHIFT) - onsetTs <= 36 * 3600,
        (sink.detectedAt(FindingKind.LEVEL_SHIFT) - onsetTs) / 3600 + " h: " + shifted.get(0));
  }

  /** Feeds a day's upload of the whole district at a time, then two days more; returns the first slot's end. */
  private static long feedTheDistrict(DatedContexts contexts, RecordingSink sink, LocalDate start, int days,
      double[][] kwh) {
    DetectionEngine engine = Fixtures.engine(contexts, sink);
    long first = Fixtures.firstSlotEnd(start);
    for (int d = 0; d < days; d++) {
      for (int e = 0; e < kwh.length; e++) {
        for (int s = d * DAY; s < (d + 1) * DAY; s++) {
          sink.currentTs = first + 900L * s;
          engine.onReading(e, e, first + 900L * s, kwh[e][s]);
        }
      }
      engine.flush();
    }
    engine.advanceTo(first + 900L * days * DAY + 2 * 86_400);
    return first;
  }

  /** The district's load as a share of its usual: 40 % until the holiday ends, back over ten days. */
  private static double activity(LocalDate date) {
    long back = date.toEpochDay() - LocalDate.of(2026, 2, 24).toEpochDay();
    return back < 0 ? 0.4 : Math.min(1, 0.4 + 0.06 * (back + 1));
  }
}
