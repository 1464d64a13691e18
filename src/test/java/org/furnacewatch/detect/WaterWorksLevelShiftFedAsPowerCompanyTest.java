package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Water works (4610) of a simulated district (seed 66004, from 2026-03-09) whose whole load is
 * multiplied, fed as the power company feeds them. Their pumps' cycling grows with the load, its
 * floor raised with it: the cycling's dips stay far above the learned level, where a furnace's
 * fall back to the plant's own load. It is the level shift's load, one alert of that kind.
 */
class WaterWorksLevelShiftFedAsPowerCompanyTest {
  @Test
  void loadMultipliedWithItsPumps_isALevelShiftNotAFurnace() {
    // x2.84 from 2026-04-01 10:00: the raised hours' cycling was raised as a furnace instead (main 4cb4f46)
    RecordingSink sink = new SimulatedEnterprise(66004, LocalDate.of(2026, 3, 9), "915001024AUDBG3J0E")
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
    long onset = OffsetDateTime.parse("2026-04-01T10:00+08:00").toEpochSecond();
    long after = sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset;
    assertTrue(after >= 0 && after <= 36 * 3600, "raised " + after / 3600 + " h after onset");
  }

  @Test
  void pumpsCyclingDaysAfterTheLevelShiftWasRaised_areNotAFurnace() {
    // x3.17 from 2026-04-11 23:30, raised as LEVEL_SHIFT; a furnace two and a half days later (main 4cb4f46)
    RecordingSink sink = new SimulatedEnterprise(66004, LocalDate.of(2026, 3, 9), "9150010290MGRT9F7E")
        .judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }

  /**
   * Water works whose pumps never cycled above their baseline, their load multiplied: above the
   * baseline the excess cycles with the pumps, its dips 0.2-0.4 of the learned level above it (the
   * pumps' own lowest quarter hours, multiplied), under heats smaller than that level. They were
   * raised as a furnace within the day, and as a level shift never or days later; now the level
   * shift is their first alert:
   * <ul>
   *   <li>seed 85001 (from 2025-10-19): x2.15 from 2025-11-10 06:00;
   *   <li>seed 85003 (from 2026-01-22): x2.35 from 2026-02-13 16:45.
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"85001, 2025-10-19, 915001022UQWYXYJ82, 2025-11-10T06:00+08:00",
      "85003, 2026-01-22, 9150010222BUH4PC0B, 2026-02-13T16:45+08:00"})
  void loadMultipliedWhosePumpsNeverCycledAboveTheBaseline_isRaisedAsALevelShiftFirst(
      long seed, LocalDate start, String creditCode, OffsetDateTime onset) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode).judged(SimulatedEnterprise::operating);
    long after = sink.detectedAt(FindingKind.LEVEL_SHIFT) - onset.toEpochSecond();
    assertTrue(after >= 0 && after <= 36 * 3600, "raised " + after / 3600 + " h after onset");
    // (85003's pumps are raised as a furnace all the same 57 h after onset: left for later)
    assertTrue(sink.detectedAt(FindingKind.FURNACE_SIGNATURE) > sink.detectedAt(FindingKind.LEVEL_SHIFT),
        sink.findings.toString());
  }
}
