package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/** Melting already alerted is not alerted again through its coarser echoes (evaluate run, 2025). */
class OneAlertPerCauseTest {
  static final LocalDate START = LocalDate.of(2025, 9, 1);
  static final int DAYS = 40;

  /** A light day-shift warehouse that melts every night from day 28 on: level and night share jump too. */
  static double[] warehouseMeltingNightly() {
    double[] kwh = Fixtures.dayShift(START, DAYS, 10, 60, 21);
    for (int d = 28; d < DAYS - 1; d++) {
      Fixtures.addFurnace(kwh, d, d + 1, 80, 96, 1500, 100 + d); // 20:00-24:00
      Fixtures.addFurnace(kwh, d + 1, d + 2, 0, 24, 1500, 200 + d); // 00:00-06:00
    }
    return kwh;
  }

  @Test
  void furnace_atNight_raisesOnlyFurnaceSignature() {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(
        new DatedContexts().set(0, EnterpriseContext.operating("5920", "500102", 3000)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), warehouseMeltingNightly());
    engine.advanceTo(Fixtures.firstSlotEnd(START) + 900L * DAYS * Fixtures.DAY);
    assertEquals(1, sink.opened(FindingKind.FURNACE_SIGNATURE).size(), sink.findings.toString());
    for (FindingKind k : new FindingKind[] {FindingKind.LEVEL_SHIFT, FindingKind.NIGHT_LOAD, FindingKind.PEER_OUTLIER}) {
      assertTrue(sink.of(k).isEmpty(), k + " echoes the furnace: " + sink.of(k));
    }
  }

  @Test
  void closedSite_melting_isResurgenceNotFurnace() {
    RecordingSink sink = new RecordingSink();
    EnterpriseContext closed = EnterpriseContext.operating("3120", "500102", 3000)
        .withStatus(EnterpriseStatus.CLOSED, Long.MIN_VALUE);
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, closed), sink);
    double[] kwh = new double[DAYS * Fixtures.DAY];
    java.util.Arrays.fill(kwh, 2.0); // 8 kW standby
    for (int d = 30; d < DAYS - 1; d++) {
      Fixtures.addFurnace(kwh, d, d + 1, 84, 96, 1500, d);
    }
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    assertEquals(1, sink.opened(FindingKind.RESURGENCE).size(), sink.findings.toString());
    assertTrue(sink.of(FindingKind.FURNACE_SIGNATURE).isEmpty(), sink.findings.toString());
  }
}
