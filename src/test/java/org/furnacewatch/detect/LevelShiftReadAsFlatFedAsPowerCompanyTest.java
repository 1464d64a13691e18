package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * Enterprises of simulated districts fed as the power company feeds them, whose raised load was
 * first read as a level shift. A miner's flat window begins within the day after its first raised
 * hours, and it is raised as FLAT_CONTINUOUS too; a plant whose whole load was multiplied, read as
 * flat two days on (its new level held round the clock for a while), is that level shift's load,
 * as is a shop's load multiplied over a weekend, whose worked Saturday hours were not raised.
 */
class LevelShiftReadAsFlatFedAsPowerCompanyTest {
  @Test
  void levelShiftReadAsFlatTwoDaysOn_isOneLevelShiftAlert() {
    // 1713, x3.37 from 2026-12-18 05:00: LEVEL_SHIFT at 10 h, FLAT_CONTINUOUS at 82 h (main 90baf43)
    RecordingSink sink = new SimulatedEnterprise(71010, LocalDate.of(2026, 11, 12), "9150010222GUBRNA0U")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }

  @Test
  void shopMultipliedOnASaturdayEvening_isALevelShiftNotAMiner() {
    // 5212, x3.76 from Saturday 2026-01-17 19:15: its evening hours raised four times, its night
    // floor four times; the Saturday's worked hours, not raised, averaged with the evening's to
    // the floor's excess, and it was raised as FLAT_CONTINUOUS alone (main 90baf43)
    RecordingSink sink = new SimulatedEnterprise(74002, LocalDate.of(2025, 12, 17), "915001027GT1EYUR40")
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
    long onset = OffsetDateTime.parse("2026-01-17T19:15+08:00").toEpochSecond();
    long after = sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset;
    assertTrue(after >= 0 && after <= 36 * 3600, "raised " + after / 3600 + " h after onset " + sink.findings);
  }

  @Test
  void minerFirstReadAsALevelShift_isRaisedAsFlatWithin36Hours() {
    // 1819, 61 kW of miners from 2026-12-10 07:45: read as a level shift from 12:15, its flat
    // window begins eight hours after that (fails where FLAT may follow a shape by less)
    RecordingSink sink = new SimulatedEnterprise(73010, LocalDate.of(2026, 11, 22), "9150010230AGX9C22E")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    long onset = OffsetDateTime.parse("2026-12-10T07:45+08:00").toEpochSecond();
    long after = sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onset;
    assertTrue(after >= 0 && after <= 36 * 3600, "raised " + after / 3600 + " h after onset " + sink.findings);
  }

  /**
   * A level shift begun in the Spring Festival holiday at a day-shift plant closed for it: its
   * floor, multiplied, reads as a constant added round the clock (no working hour to compare it
   * with) within the day after the level shift was raised. Not a miner's first day: one alert, the
   * level shift's (on main 12e0fac also FLAT_CONTINUOUS, its window from 20 h after the level
   * shift's first hour).
   */
  @Test
  void levelShiftReadAsFlatOverTheHoliday_isOneLevelShiftAlert() {
    // 3311, x2.67 from 2026-02-16 03:45, the holiday's second day
    RecordingSink sink = new SimulatedEnterprise(163009, LocalDate.of(2026, 1, 19),
        "915001029Q66692G8P", 0.015).aDayAnUpload().judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }
}
