package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

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
}
