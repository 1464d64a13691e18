package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A steel-structure works of a simulated district (seed 38006, from 2026-04-18) where an unlicensed
 * 310 kW furnace melts on most days from 2026-04-27, fed as the power company feeds it (half-day
 * uploads split over requests, rows shuffled, re-collected rows). Its alerts name the furnace;
 * once its hours are learned its heats are not new, and between two of its alerts the load it
 * raises is the same cause, not a level shift of the works.
 */
class FurnaceFedAsPowerCompanyTest {
  private static final String WORKS = "915001022LW460FJ7T";

  @Test
  void furnaceMeltingForWeeks_isFurnaceAlerts_neverALevelShiftBetweenThem() {
    SimulatedEnterprise works = new SimulatedEnterprise(38006, LocalDate.of(2026, 4, 18), WORKS);
    RecordingSink sink = new RecordingSink();
    works.feed(SimulatedEnterprise::operating, sink);
    assertFalse(sink.opened(FindingKind.FURNACE_SIGNATURE).isEmpty(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }
}
