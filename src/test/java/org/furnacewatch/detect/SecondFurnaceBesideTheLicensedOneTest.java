package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.TruthEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A licensed foundry's second, unlicensed furnace melting by day, fed as the power company feeds
 * it. Run alone after the licensed furnace's day, its heats look like the licensed furnace working
 * late: the licensed kW covers them and its hours are the licensed furnace's. Run together with
 * it, the site draws more than it ever drew with its licensed furnace at full power: that is
 * what gives the second one away.
 */
class SecondFurnaceBesideTheLicensedOneTest {
  /**
   * <ul>
   *   <li>seed 112009 (from 2026-05-04): 210 kW beside a licensed 350 kW from 15:15 on 2026-06-01,
   *       the two together near 620 kW against a learned peak near 470 kW; before: 83 h;
   *   <li>seed 112004 (from 2026-07-24): 280 kW beside a licensed 300 kW from 13:30 on
   *       2026-08-18, 617 kW for hours against a peak near 400 kW; before: 60 h;
   *   <li>seed 112001 (from 2026-06-04): 280 kW from 13:45 on 2026-06-18; before: 59 h;
   *   <li>seed 112010 (from 2026-10-20): 610 kW from 13:30 on 2026-11-03, 32 heats in all;
   *       before: never raised;
   *   <li>seed 111004 (from 2026-06-10): 290 kW from 13:30 on 2026-06-24, the two together for
   *       half an hour only on its first day (865 and 925 kW against a peak near 700 kW); before:
   *       60 h.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"112009, 2026-05-04, 915001029L0WE8HX8C, 2026-06-01T15:15+08:00",
      "112004, 2026-07-24, 915001021MXPK4748H, 2026-08-18T13:30+08:00",
      "112001, 2026-06-04, 915001025NA7LGYU5H, 2026-06-18T13:45+08:00",
      "112010, 2026-10-20, 9150010267NJ6AD607, 2026-11-03T13:30+08:00",
      "111004, 2026-06-10, 915001026EFQGCJD3J, 2026-06-24T13:30+08:00"})
  void dayRunBesideTheLicensedFurnace_raisedWithin36Hours(long seed, LocalDate start,
      String creditCode, String onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .judged(SimulatedEnterprise::operatingWithItsFurnaces);
    sink.assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onset);
    Finding first = sink.opened(FindingKind.FURNACE_SIGNATURE).get(0);
    assertTrue(beyondLicence(first), first.thresholdsCrossed().toString());
    assertTrue(first.explanation().contains("同时熔炼"), first.explanation());
  }

  /**
   * Every licensed foundry of two districts that melts with its licensed furnace alone (no
   * second furnace, nothing injected), judged together for 60 days: none is raised for drawing
   * beyond its licence. (Seed 112009's 915001029JGUE6WR9P is raised for heats at hours it never
   * cycled in, as before: a false alert of the other readings, not this one's.)
   */
  @ParameterizedTest
  @CsvSource({"112009, 2026-05-04, 915001029L0WE8HX8C", "112004, 2026-07-24, 915001021MXPK4748H"})
  void licensedFurnacesAlone_notRaisedAsASecondFurnace(long seed, LocalDate start,
      String anyCode) {
    SimulatedEnterprise any = new SimulatedEnterprise(seed, start, anyCode, 0.015);
    Set<String> injected = any.district.truth().stream().map(TruthEvent::creditCode)
        .collect(Collectors.toSet());
    List<EnterpriseRecord> judged = new ArrayList<>();
    RecordingSink sink = any.judgedTogether(r -> r.equipment().stream()
            .anyMatch(q -> q.type().equals("INDUCTION_FURNACE") && q.licensed())
            && !injected.contains(r.creditCode()),
        SimulatedEnterprise::operatingWithItsFurnaces, judged);
    assertTrue(judged.size() >= 20, "foundries judged: " + judged.size());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE).stream()
        .filter(SecondFurnaceBesideTheLicensedOneTest::beyondLicence)
        .map(f -> judged.get(f.enterpriseIdx()).creditCode() + " " + f.thresholdsCrossed())
        .toList());
  }

  /**
   * A licensed 1,000 kW furnace melting at 700 kW through its first four weeks, then at its full
   * rating, at a foundry whose own day load is 300 kW: the site draws 300 kW above its learned
   * peak, yet no more than its licence covers (1,000 kW x 1.5). Not a second furnace.
   */
  @Test
  void licensedFurnaceAtFullPowerAfterWeeksBelowIt_notRaisedAsASecondFurnace() {
    LocalDate start = LocalDate.of(2025, 3, 3);
    int days = 42;
    double[] kwh = Fixtures.dayShift(start, days, 30, 300, 41);
    for (int d = 0; d < days; d++) {
      if (Fixtures.CALENDAR.isWorkingDay(start.plusDays(d))) {
        Fixtures.addFurnace(kwh, d, d + 1, 34, 64, d < 28 ? 700 : 1000, 500 + d); // 08:30-16:00
      }
    }
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(new DatedContexts().set(0,
        EnterpriseContext.operating("3391", "500102", 2000).withFurnaces(1000, 0)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(start), kwh);
    engine.advanceTo(Fixtures.firstSlotEnd(start) + 900L * days * Fixtures.DAY);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE).stream()
        .filter(SecondFurnaceBesideTheLicensedOneTest::beyondLicence)
        .map(Finding::thresholdsCrossed).toList());
  }

  private static boolean beyondLicence(Finding f) {
    return f.thresholdsCrossed().stream().anyMatch(t -> t.startsWith("slotsBeyondLicence"));
  }
}
