package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plants of simulated districts whose whole load was multiplied and raised as a LEVEL_SHIFT, fed as
 * the power company feeds them. Days or weeks later, once the baseline has learned part of the new
 * level, the load's own cycling (pumps, compressors, a line's batches) stands out at about the
 * shift's size: the same cause, not a furnace. A furnace that came with its own rise goes on being
 * judged as one.
 */
class LevelShiftCyclingWeeksLaterFedAsPowerCompanyTest {
  @ParameterizedTest(name = "seed {0}, {2}")
  @CsvSource({
      // 3670, x1.80 from 2026-09-23 02:45; its cycling raised as FURNACE_SIGNATURE on 10-09 (main 90baf43)
      "71008, 2026-08-20, 91500102824UWMA68W",
      // 4610, x3.93 from 2026-12-04 07:45; its pumps raised as FURNACE_SIGNATURE on 12-21 (main 90baf43)
      "71010, 2026-11-12, 9150010294PL06JB2T"})
  void multipliedLoadCyclingWeeksOn_isNotAFurnace(long seed, LocalDate start, String creditCode) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, creditCode).judged(SimulatedEnterprise::operating);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), sink.findings.toString());
  }

  @Test
  void furnaceWhoseLoadAlsoReadAsALevelShift_isJudgedAsAFurnaceThroughout() {
    // 1713, a 330 kW furnace from 2026-02-01 20:00, raised as a furnace at 18 h; its load also
    // read as a level shift (held back). Weeks on, its heats blocked as the shift's load would
    // leave its raised floor unexplained: a FLAT_CONTINUOUS on 03-11 (det13 before the melting guard)
    RecordingSink sink = new SimulatedEnterprise(71003, LocalDate.of(2026, 1, 22), "915001025UJAQ03E5R")
        .judged(SimulatedEnterprise::operating);
    assertTrue(sink.opened(FindingKind.FURNACE_SIGNATURE).size() >= 1, sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }
}
