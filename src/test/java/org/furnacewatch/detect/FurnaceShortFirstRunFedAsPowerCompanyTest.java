package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A furnace's first run, fed as the power company feeds it, is often short: an evening of three or
 * four heats before midnight, a morning's before the plant's own day. Its windows showed one cycle
 * fewer than heats, the last heat having no next one to close its cycle, so the run waited for the
 * second day's and was raised after 36 hours. The last heat, tapped to the quiet site, counts as
 * the cycle a window lacks, where no furnace is licensed and the trade's machines do not cycle of
 * themselves: a licensed furnace's runs and a water works' pumps end the same way.
 */
class FurnaceShortFirstRunFedAsPowerCompanyTest {
  /**
   * <ul>
   *   <li>seed 102006 (from 2026-07-11): a 1713 mill idle on Sunday, 530 kW from 20:00 on
   *       2026-08-09 until 01:45; before: raised at 43 h;
   *   <li>seed 102003 (from 2026-08-12): a 5212 warehouse, 450 kW from 20:00 on 2026-09-01;
   *       before: 42 h;
   *   <li>seed 101002 (from 2026-12-08): a 1713 mill's day shift, 320 kW from 07:45 on
   *       2026-12-29 for a morning; before: 43 h.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"102006, 2026-07-11, 915001025XHGQK0E39, 2026-08-09T20:00+08:00",
      "102003, 2026-08-12, 915001021YEADE056J, 2026-09-01T20:00+08:00",
      "101002, 2026-12-08, 915001029PQRPDYL9W, 2026-12-29T07:45+08:00"})
  void shortFirstRun_raisedWithin36Hours(long seed, LocalDate start, String creditCode,
      String onset) {
    new SimulatedEnterprise(seed, start, creditCode, 0.015).judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onset);
  }

  /**
   * Seed 102004 (from 2026-04-02): a 4610 water works whose pumps' runs end as a furnace's do, a
   * furnace alert once their last heats counted too.
   */
  @Test
  void waterWorksPumps_stayQuiet() {
    RecordingSink sink = new SimulatedEnterprise(102004, LocalDate.of(2026, 4, 2),
        "915001027LCWD0FK9U", 0.015).judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }
}
