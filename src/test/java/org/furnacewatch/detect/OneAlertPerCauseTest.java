package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Melting already alerted is not alerted again through its coarser echoes (evaluate run, 2025). */
class OneAlertPerCauseTest {
  static final LocalDate START = LocalDate.of(2025, 9, 1);
  static final int DAYS = 40;

  /** A light day-shift warehouse that melts every night from day 28 on: level and night share jump too. */
  static double[] warehouseMeltingNightly() {
    double[] kwh = Fixtures.dayShift(START, DAYS, 10, 60, 21);
    for (int d = 28; d < DAYS - 1; d++) {
      Fixtures.addFurnace(kwh, d, d + 1, 80, 96, 1500, 100 + d); // 20:00-24:00
      Fixtures.addFurnace(kwh, d + 1, d + 2, 0, 24, 1500, 200 + d); // 00:00-06:00
    }
    return kwh;
  }

  /** Melts from 20:00 to 05:00 every night from day {@code from} on (seeds seed + d, seed + 100 + d). */
  static void meltNightly(double[] kwh, int from, double kw, int seed) {
    for (int d = from; d < DAYS - 1; d++) {
      Fixtures.addFurnace(kwh, d, d + 1, 80, 96, kw, seed + d); // 20:00-24:00
      Fixtures.addFurnace(kwh, d + 1, d + 2, 0, 20, kw, seed + 100 + d); // 00:00-05:00
    }
  }

  /** What an engine found in the load given, fed from START and advanced past its last day. */
  static RecordingSink judged(String industry, double capacityKva, double[] kwh) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(
        new DatedContexts().set(0, EnterpriseContext.operating(industry, "500102", capacityKva)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    engine.advanceTo(Fixtures.firstSlotEnd(START) + 900L * DAYS * Fixtures.DAY);
    return sink;
  }

  @Test
  void furnace_atNight_raisesOnlyFurnaceSignature() {
    RecordingSink sink = judged("5920", 3000, warehouseMeltingNightly());
    assertEquals(1, sink.opened(FindingKind.FURNACE_SIGNATURE).size(), sink.findings.toString());
    for (FindingKind k : new FindingKind[] {FindingKind.LEVEL_SHIFT, FindingKind.NIGHT_LOAD, FindingKind.PEER_OUTLIER}) {
      assertTrue(sink.of(k).isEmpty(), k + " echoes the furnace: " + sink.of(k));
    }
  }

  @Test
  void closedSite_melting_isResurgenceNotFurnace() {
    RecordingSink sink = new RecordingSink();
    EnterpriseContext closed = EnterpriseContext.operating("3120", "500102", 3000)
        .withStatus(EnterpriseStatus.CLOSED, Long.MIN_VALUE);
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, closed), sink);
    double[] kwh = new double[DAYS * Fixtures.DAY];
    java.util.Arrays.fill(kwh, 2.0); // 8 kW standby
    for (int d = 30; d < DAYS - 1; d++) {
      Fixtures.addFurnace(kwh, d, d + 1, 84, 96, 1500, d);
    }
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    assertEquals(1, sink.opened(FindingKind.RESURGENCE).size(), sink.findings.toString());
    assertTrue(sink.of(FindingKind.FURNACE_SIGNATURE).isEmpty(), sink.findings.toString());
  }

  /**
   * Simulated district 48003 (from 2026-01-05), fed as the power company feeds it: a plant whose
   * load rose 3.6-fold on 01-27 is raised as a level shift; through the Spring Festival holiday
   * (02-15..02-23) that evidence pauses for more than a week, and the same load, read on the
   * holiday as a flat load added, was then raised as FLAT_CONTINUOUS.
   */
  @Test
  void levelShiftReadAsFlatAfterTheSpringFestivalHoliday_isTheSameAlert() {
    RecordingSink sink = new SimulatedEnterprise(48003, LocalDate.of(2026, 1, 5), "915001021B574N438T")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertTrue(sink.of(FindingKind.FLAT_CONTINUOUS).isEmpty(), sink.of(FindingKind.FLAT_CONTINUOUS).toString());
  }

  /**
   * Simulated district 48005 (from 2026-03-20): a foundry with a licensed 350 kW furnace runs a
   * second, unlicensed one at night, raised as FURNACE_SIGNATURE on 04-05 and 04-10; once its hours
   * are learned its heats are not new, and eleven days on the load they raise was raised as a
   * LEVEL_SHIFT: the same furnace, already with the district.
   */
  @Test
  void secondFurnaceAlreadyAlerted_notRaisedAgainAsALevelShiftOnceItsHeatsAreLearned() {
    SimulatedEnterprise foundry = new SimulatedEnterprise(48005, LocalDate.of(2026, 3, 20), "9150010249480LP46E");
    double licensedKw = foundry.record.equipment().stream()
        .filter(q -> q.type().equals("INDUCTION_FURNACE") && q.licensed()).mapToDouble(q -> q.ratedKw()).sum();
    RecordingSink sink = foundry.judged(r -> SimulatedEnterprise.operating(r).withFurnaces(licensedKw, 0));
    assertTrue(!sink.opened(FindingKind.FURNACE_SIGNATURE).isEmpty(), sink.findings.toString());
    assertTrue(sink.of(FindingKind.LEVEL_SHIFT).isEmpty(), sink.of(FindingKind.LEVEL_SHIFT).toString());
  }

  /**
   * A furnace set up beside miners already raised as FLAT_CONTINUOUS heats on top of the miners'
   * load (its dips do not fall through it): a second cause, raised.
   */
  @Test
  void furnaceBesideMinersRaisedDaysBefore_isRaised() {
    double[] kwh = Fixtures.dayShift(START, DAYS, 20, 200, 31);
    double[] miners = Fixtures.flat(DAYS, 100, 0.02, 32);
    for (int i = 12 * Fixtures.DAY; i < kwh.length; i++) {
      kwh[i] += miners[i];
    }
    meltNightly(kwh, 26, 160, 300);
    RecordingSink sink = judged("2929", 1000, kwh);
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), sink.findings.toString());
    assertEquals(1, sink.opened(FindingKind.FURNACE_SIGNATURE).size(), sink.findings.toString());
  }

  /**
   * A day-shift plant (20 kW at night, 200 kW by day) whose load doubles from day 12, raised as a
   * LEVEL_SHIFT, and which melts in a 400 kW induction furnace at night from day 22. The furnace's
   * dips fall to the plant's raised night load, not far above the learned level: a second cause,
   * raised, where cycling on a raised floor would be the level shift's own load.
   */
  @Test
  void furnaceAtAPlantRaisedAsALevelShiftDaysBefore_isRaised() {
    double[] kwh = Fixtures.dayShift(START, DAYS, 20, 200, 33);
    for (int i = 12 * Fixtures.DAY; i < kwh.length; i++) {
      kwh[i] *= 2;
    }
    meltNightly(kwh, 22, 400, 500);
    RecordingSink sink = judged("3484", 1000, kwh);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(1, sink.opened(FindingKind.FURNACE_SIGNATURE).size(), sink.findings.toString());
  }

  /**
   * A day-run furnace that lifts a plant's working hours by half, fed as the power company feeds
   * it: the raised hours carry its heats, so the furnace names the cause and no level shift is
   * raised beside it. Before, the heats were read for only where the hours rose 1.6 times, and a
   * level shift came with the furnace's alert in the same upload (a false alert of the wrong kind):
   * <ul>
   *   <li>seed 108003 (from 2026-11-22): 410 kW at a 3311 plant from 07:15 on 2026-12-21;
   *   <li>seed 108009 (from 2026-04-12): 270 kW at a 3311 plant from 09:30 on 2026-04-29;
   *   <li>seed 112007 (from 2026-09-24): 150 kW at a 5920 warehouse from 10:00 on 2026-10-10.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"108003, 2026-11-22, 915001029JCTYEYDXY, 2026-12-21T07:15+08:00",
      "108009, 2026-04-12, 91500102526RFLWJ8Q, 2026-04-29T09:30+08:00",
      "112007, 2026-09-24, 915001023DE2TU9R5Q, 2026-10-10T10:00+08:00"})
  void furnaceLiftingAPlantByHalf_raisesOnlyFurnaceSignature(long seed, LocalDate start,
      String creditCode, String onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .judged(SimulatedEnterprise::operating);
    sink.assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onset);
    assertEquals(0, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
  }
}
