package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A day-shift plant busier than usual, working into the evening and back at its floor by 22:00,
 * fed as a power company feeds it. Its busy hours and its evening hours carry about the same
 * excess, as a miner's would, but the newest hour of the flat window is back at the floor. The
 * flat test lets one floor hour fall short (the morning's shoulder, where work starts at another
 * time each day); never the newest: a miner does not stop at the end of the evening.
 */
class EveningOvertimeIsNoMinerTest {
  /**
   * Seed 217001, watched from 2026-02-24: a 1819 plant of 400 kVA, about 135 kW by day and 33 kW at
   * night, on 03-02 works 45 kW above its day and until 22:00 at about 110 kW. On main (2a6c61b) a
   * FLAT_CONTINUOUS over 07:00-23:00, its newest hour at the floor.
   */
  @Test
  void dayShiftPlantWorkingIntoTheEvening_noFlatLoad() {
    assertNoFlat(217001, LocalDate.of(2026, 2, 24), "9150010256HW2YF16Y");
  }

  /** The same district: a 3484 plant of 160 kVA, 42 kW by day and 8 kW at night, on 03-03. */
  @Test
  void smallPlantWorkingIntoTheEvening_noFlatLoad() {
    assertNoFlat(217001, LocalDate.of(2026, 2, 24), "9150010250MK9CGP3B");
  }

  private static void assertNoFlat(long seed, LocalDate start, String code) {
    RecordingSink sink = new SimulatedEnterprise(seed, start, code, 0.015)
        .judged(SimulatedEnterprise::operating);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }
}
