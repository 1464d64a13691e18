package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * Rolling mills (3130, the real steel plant's shape) of simulated districts that add an induction
 * furnace and melt in batches: three to six heats back to back, tapped and charged between them in
 * 10-30 minutes, so that at a quarter hour's resolution a batch is one long block of one power
 * with shallow dips, hours long, not a heat switched on and off. Before, a block longer than two
 * hours was read as the mill's own work, and neither mill was raised at all. The first mill also
 * worked its nights in the first week of the watch, so its learned spread there hid the furnace's
 * heats; the nights it rested since say those hours are idle.
 */
class SteelFurnaceInBatchesFedAsPowerCompanyTest {
  @Test
  void batchesInTheMillsQuietNight_raisedWithin36Hours() {
    // 1,380 kW from 02:45 on 2026-03-04, after a week the mill rested
    assertRaisedWithin36Hours(88003, LocalDate.of(2026, 2, 3), "915001022360JGXC2F", "2026-03-04T02:45+08:00");
  }

  @Test
  void smallMillsBatchesBeforeItsDay_raisedWithin36Hours() {
    // 560 kW from 05:45 on 2026-04-28 at a mill idling at 35 kW through the night
    assertRaisedWithin36Hours(88004, LocalDate.of(2026, 3, 22), "91500102949PYANN7J", "2026-04-28T05:45+08:00");
  }

  private static void assertRaisedWithin36Hours(long seed, LocalDate start, String code, String onsetAt) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code).judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    sink.assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, onsetAt);
  }
}
