package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A licensed foundry (3391) of a simulated district, fed as the power company feeds it. Its licensed
 * furnace melts a few hours most working days and, some days, through the afternoon as well: hours
 * raised two to three times their usual level, by no more than the licensed furnace draws. That is
 * melting within its licence, not a level shift.
 */
class LicensedFoundryFedAsPowerCompanyTest {
  @Test
  void licensedFurnaceMeltingLongerHours_isNotALevelShift() {
    // 93009: raised 14:00-20:00 on 2026-01-07 at 2.9 times the usual level
    RecordingSink sink = new SimulatedEnterprise(93009, LocalDate.of(2025, 12, 28), "915001022KGT493H8N", 0.015)
        .judged(SimulatedEnterprise::operatingWithItsFurnaces);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
  }
}
