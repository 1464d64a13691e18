package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A furnace melting in a working plant's own day hours, on plants that never cycled before. Its
 * heats are far larger than any cycling learned, yet the plant's own load swings nearly as much
 * from one quarter hour to the next, so the test of a swing half again above the largest learned
 * held the first day's run back; the second day's was compared with the first, learned as the
 * plant's own. Heats that far beyond the learned cycling are new if they repeat like a furnace's.
 * A busy plant's own swings do not repeat so, and a water works' pumps, regular from their first
 * day, are left to the test of size and swing. Where the furnace ran on into the evening, its raised
 * hours were read for heats only in their newest windows, whose range the plant's evening peak set:
 * they were raised as a level shift; the day's windows show the heats that name it.
 */
class FurnaceOnABusyPlantFedAsPowerCompanyTest {
  @Test
  void furnaceInAMachineShopsDayHours_raisedWithin36Hours() {
    // 220 kW from 08:45 on 2026-06-19 (3670); before, raised at 42 h with the second day's run
    assertFurnaceWithin36Hours(91005, LocalDate.of(2026, 5, 15), "9150010214MBE1T9XK", "2026-06-19T08:45+08:00");
  }

  @Test
  void furnaceInAnEquipmentPlantsDayHours_raisedWithin36Hours() {
    // 210 kW from 07:15 on 2026-09-18 (3484); before, raised at 42 h
    assertFurnaceWithin36Hours(91007, LocalDate.of(2026, 8, 16), "9150010233QQA67U5X", "2026-09-18T07:15+08:00");
  }

  @Test
  void furnaceRunIntoAnEveningPeak_namedAFurnaceNotALevelShift() {
    // 770 kW from 09:30 on 2025-12-16 (3311), on until 20:45; the plant's evening peak sets the
    // range of the newest windows of the raised hours, its day's windows show four and five heats
    String onsetAt = "2025-12-16T09:30+08:00";
    RecordingSink sink = new SimulatedEnterprise(91001, LocalDate.of(2025, 11, 12), "9150010245C8T25TXN")
        .judged(SimulatedEnterprise::operating);
    sink.assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onsetAt);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }

  @Test
  void busyPlantsOwnSwings_stayQuiet() {
    // a 1713 mill whose irregular steps screen as heats far beyond its learned cycling
    assertQuiet(91001, LocalDate.of(2025, 11, 12), "915001021DF97P3KXC");
  }

  @Test
  void waterWorksPumpsCyclingFromTheStart_stayQuiet() {
    // 4610: 330 kW pumps switching every 2 1/4 hours from the watch's third day (autocorrelation
    // 0.96), before any cycling of theirs was learned
    assertQuiet(91001, LocalDate.of(2025, 11, 12), "915001027G3GN8FY0U");
  }

  private static void assertFurnaceWithin36Hours(long seed, LocalDate start, String code, String onsetAt) {
    new SimulatedEnterprise(seed, start, code).judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, onsetAt);
  }

  private static void assertQuiet(long seed, LocalDate start, String code) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code).judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }
}
