package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.furnacewatch.sim.EnterpriseRecord;
import org.junit.jupiter.api.Test;

/**
 * A cold store of a simulated district (seed 24007, from 2026-01-05) registered under a
 * rectification order (限期整改) from the start, fed as the power company feeds it (half-day
 * uploads split over requests, rows shuffled, re-collected rows). No level is judged under that
 * status, but the furnace rule still screens its compressors, above a baseline it must learn.
 */
class RectifyingColdStoreFedAsPowerCompanyTest {
  private static final String COLD_STORE = "915001026K8JK3EY33";

  @Test
  void coldStoreUnderARectificationOrder_compressorsAreNotAFurnace() {
    SimulatedEnterprise store = new SimulatedEnterprise(24007, LocalDate.of(2026, 1, 5), COLD_STORE);
    EnterpriseRecord r = store.record;
    assertTrue(r.industry().equals("5930") && r.status().equals("RECTIFYING"), r.toString());
    assertTrue(store.district.changes().stream().noneMatch(c -> c.creditCode().equals(COLD_STORE)));
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = store.feed(x -> SimulatedEnterprise.operating(x)
        .withStatus(EnterpriseStatus.RECTIFYING, Long.MIN_VALUE), sink);
    assertTrue(engine.acceptedReadings() > 50 * 96, "fed " + engine.acceptedReadings());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE));
  }
}
