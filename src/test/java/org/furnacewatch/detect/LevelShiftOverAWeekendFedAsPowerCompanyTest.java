package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Small warehouses (5920) whose whole load rose threefold on a weekend, fed as the power company
 * feeds them. Their Sunday shows it in its own shape: the day's hours, at their own rest-day
 * level, and the night's rose by one factor. The level shift waited for Monday's busy hours to
 * tell it from a miner starting (a constant added), and Monday's rows came with the afternoon
 * upload, after 36 hours. A miner adds one constant to a Sunday's day and night alike.
 */
class LevelShiftOverAWeekendFedAsPowerCompanyTest {
  /**
   * <ul>
   *   <li>seed 100004 (from 2026-10-30): x3.19 from 22:00 on Saturday 2026-11-28 (2 kW at night,
   *       6 kW on a Sunday's day); before: raised at 41 h;
   *   <li>seed 99008 (from 2025-12-08): x3.25 from 01:30 on Sunday 2026-01-18; before: 37 h.
   * </ul>
   * (Judged alone, without its district's activity, 100004 was raised within 36 h before too; it
   * stays as the case the district replay missed.)
   */
  @ParameterizedTest
  @CsvSource({"100004, 2026-10-30, 915001027R451QEFXX, 2026-11-28T22:00+08:00",
      "99008, 2025-12-08, 915001028638CWE21H, 2026-01-18T01:30+08:00"})
  void loadMultipliedOnAWeekend_raisedWithin36Hours(long seed, LocalDate start, String creditCode,
      String onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .judged(SimulatedEnterprise::operating);
    sink.assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, onset);
    assertEquals(0, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), sink.findings.toString());
  }

  /**
   * Plants whose whole load rose at the start of a rest spell left idle: the floor rose threefold
   * through the rest day's daytime hours too, but only the night hours stood above the working
   * level, and the night read as heavy (half the working level or more) and was held for a night
   * load that never came, the morning being no quieter. (In seed 100008's replay a 1713 plant's
   * working Friday evening, multiplied from 23:15, made the night heavy the same way: 37 h before,
   * 26 h now.)
   * <ul>
   *   <li>seed 97004 (from 2026-04-09): a 3670 plant x2.61 from midnight on Sunday 2026-05-10;
   *       before: 39 h;
   *   <li>seed 100009 (from 2026-03-29): a 2929 plant x3.83 from 20:15 on Sunday 2026-05-03 in the
   *       May Day holiday; its floor of 6 kW tripled reads half its working 42; before: 42 h.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"97004, 2026-04-09, 915001026TU5CL1AXC, 2026-05-10T00:00+08:00",
      "100009, 2026-03-29, 915001023CUQA0A7XE, 2026-05-03T20:15+08:00"})
  void floorRisenThroughARestSpell_raisedWithin36HoursNotHeldForANightLoad(long seed,
      LocalDate start, String creditCode, String onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .judged(SimulatedEnterprise::operating);
    sink.assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, onset);
    assertEquals(0, sink.opened(FindingKind.NIGHT_LOAD).size(), sink.findings.toString());
  }

  /**
   * Miners started on a weekend at small warehouses stay a flat load, not a level shift: seed 99010
   * (from 2025-11-14), 35 kW from 22:45 on Saturday 2025-12-06; seed 99003 (from 2026-01-11), 26 kW
   * from 22:30 on Saturday 2026-02-07.
   */
  @ParameterizedTest
  @CsvSource({"99010, 2025-11-14, 915001024Q9HF8UQ33", "99003, 2026-01-11, 9150010291MANXG22A"})
  void minerStartedOnAWeekend_isNotALevelShift(long seed, LocalDate start, String creditCode) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode, 0.015)
        .judged(SimulatedEnterprise::operating);
    assertEquals(0, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), sink.findings.toString());
  }
}
