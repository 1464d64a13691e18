package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Day-shift work moved into the night, after an evening the plant worked late. The next afternoon
 * the window held the evening's three raised hours, a quiet hour, and the night's first raised
 * hours, but some of the night's hours were not delivered yet (half-day uploads, re-collected
 * rows): three raised night hours are one short of night work, so the evening and the night
 * together were raised as a LEVEL_SHIFT, and NIGHT_LOAD followed the next night, two alerts for
 * one cause. Night hours still to come decide between the two: the level shift waits for them.
 */
class NightWorkFedAsPowerCompanyTest {
  /**
   * Seeds of set 92 ({@code DistrictReplay --peer-rate 0.015}); on the engine before, a
   * LEVEL_SHIFT 13-14 h after the onset, NIGHT_LOAD 25-26 h.
   */
  @ParameterizedTest
  @CsvSource({
      "92003, 2026-07-17, 915001022NHWPQU31U, 2026-08-21T00:15+08:00", // 3484, 100 kVA
      "92004, 2026-07-09, 9150010216MLLEW48G, 2026-08-11T00:15+08:00", // 3311
      "92008, 2026-02-14, 91500102751C64FA3A, 2026-03-11T00:15+08:00", // 3311
      "92010, 2026-11-16, 915001027GL28RC89K, 2026-12-08T00:15+08:00"}) // 3484
  void nightWorkAfterAnEveningWorkedLate_isNightLoadNotALevelShift(
      long seed, LocalDate start, String code, String onsetAt) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code, 0.015).judged(SimulatedEnterprise::operating);
    sink.assertFirstWithin36Hours(FindingKind.NIGHT_LOAD, onsetAt);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }

  /**
   * Work moved into the night from midnight, the evening before not delivered yet (re-collected
   * later): the window that judged the first night lacked more than a quarter of its rows, all of
   * them before the night, so the raised hours' heats were unknown and neither NIGHT_LOAD nor a
   * level shift was raised; the second night was, 37-38 h after the onset. Rows missing before the
   * raised hours cannot hide heats the raised hours, all delivered and steady, do not show.
   */
  @ParameterizedTest
  @CsvSource({
      "92001, 2026-05-04, 91500102884PKKG62A, 2026-05-31T00:15+08:00", // 3484; 38 h before
      "92008, 2026-02-14, 915001026DW0E1D87Y, 2026-03-15T00:15+08:00", // 3311; 37 h
      "93007, 2026-03-31, 915001025Q0CN84K9T, 2026-05-07T00:15+08:00"}) // 3311; 38 h
  void firstNightAfterAnEveningNotDeliveredYet_raisedWithin36Hours(
      long seed, LocalDate start, String code, String onsetAt) {
    new SimulatedEnterprise(seed, start, code, 0.015).judged(SimulatedEnterprise::operating)
        .assertFirstWithin36Hours(FindingKind.NIGHT_LOAD, onsetAt);
  }

  /**
   * Seed 93005: a 540 kW furnace melting at night in a 1713 mill from 22:15 on 2025-12-31, its taps
   * seen as quarter hours at 120-360 kW between heats of 550-580, the evening before not delivered
   * yet. Raised rows that dip so may hold heats the missing rows would complete: it is named a
   * furnace, not night work.
   */
  @Test
  void nightFurnaceWithTheEveningBeforeMissing_isNotNightLoad() {
    RecordingSink sink = new SimulatedEnterprise(93005, LocalDate.of(2025, 11, 28), "915001026NPAWY771L", 0.015)
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.NIGHT_LOAD));
    assertFalse(sink.opened(FindingKind.FURNACE_SIGNATURE).isEmpty());
  }
}
