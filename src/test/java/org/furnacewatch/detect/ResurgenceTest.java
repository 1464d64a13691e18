package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

class ResurgenceTest {
  static final LocalDate START = LocalDate.of(2026, 2, 23);
  static final EnterpriseContext CLOSED = EnterpriseContext.operating("3120", "500102", 800)
      .withStatus(EnterpriseStatus.CLOSED, Fixtures.ts("2025-06-30T00:00"));

  @Test
  void resurgence_closedSiteStartsMelting_firesWithinAFewReadingsAfterLateness() {
    double[] kwh = Fixtures.flat(10, 8, 0.2, 1); // guards' lighting and a pump, ~8 kW
    int onset = 7 * DAY + 5; // 01:15 on day 7
    for (int i = onset; i < onset + 16; i++) {
      kwh[i] = 420 / 4.0;
    }
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, CLOSED), sink);
    long first = Fixtures.firstSlotEnd(START);
    Fixtures.feed(engine, sink, 0, 0, first, kwh);

    var opened = sink.opened(FindingKind.RESURGENCE);
    assertEquals(1, opened.size(), sink.findings.toString());
    Finding f = opened.get(0);
    long onsetTs = first + 900L * onset;
    assertEquals(onsetTs, f.firstTs());
    // 3 readings over the ceiling + the 2-hour lateness (8 slots + 1).
    long latency = sink.detectedAt(FindingKind.RESURGENCE) - onsetTs;
    assertTrue(latency <= 900L * (2 + 9), "latency " + latency);
    assertTrue(f.explanation().contains("已关停"), f.explanation());
    assertTrue(f.features().get("loadKw") > f.features().get("standbyCeilingKw"));
    assertTrue(f.evidenceKwh().length > 0);
  }

  @Test
  void resurgence_closedSiteAtStandbyWithGaps_staysQuiet() {
    double[] kwh = Fixtures.flat(20, 12, 0.3, 2);
    Arrays.fill(kwh, 5 * DAY, 8 * DAY, Double.NaN); // meter offline for three days
    kwh[12 * DAY + 40] = 200 / 4.0; // one odd reading (a welder for 15 minutes)
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, CLOSED), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    engine.advanceTo(Fixtures.firstSlotEnd(START) + 900L * kwh.length + 86_400);
    assertEquals(0, sink.findings.size(), sink.findings.toString());
  }

  @Test
  void resurgence_knownStandbyLoad_raisesCeiling() {
    double[] kwh = Fixtures.flat(5, 150, 0.05, 3); // cold room kept running: registry knows 120 kW
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(
        new DatedContexts().set(0, CLOSED.withStandbyKw(120)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    assertEquals(0, sink.of(FindingKind.RESURGENCE).size());
  }

  @Test
  void resurgence_datedReopening_isContextNotAlert() {
    // Closed until 2026-03-01, then a dated approval to reopen: production load afterwards is fine.
    long reopen = Fixtures.ts("2026-03-01T00:00");
    DatedContexts ctx = new DatedContexts().set(0, CLOSED)
        .set(0, reopen, CLOSED.withStatus(EnterpriseStatus.OPERATING, reopen));
    double[] kwh = Fixtures.flat(14, 8, 0.2, 4);
    LocalDate reopenDay = LocalDate.of(2026, 3, 1);
    int from = (int) (reopenDay.toEpochDay() - START.toEpochDay()) * DAY;
    double[] work = Fixtures.dayShift(reopenDay, 14 - from / DAY, 20, 400, 5);
    System.arraycopy(work, 0, kwh, from, work.length);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(ctx, sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    assertEquals(0, sink.of(FindingKind.RESURGENCE).size(), sink.findings.toString());

    // The same load without the dated reopening is a resurgence.
    RecordingSink control = new RecordingSink();
    DetectionEngine engine2 = Fixtures.engine(new DatedContexts().set(0, CLOSED), control);
    Fixtures.feed(engine2, control, 0, 0, Fixtures.firstSlotEnd(START), kwh);
    assertEquals(1, control.opened(FindingKind.RESURGENCE).size());
  }

  @Test
  void resurgence_sealedUnderNewMeter_firesOnEnterprise() {
    // Two meters: the old one dark, a new account's meter moved onto the sealed site draws load.
    EnterpriseContext sealed = CLOSED.withStatus(EnterpriseStatus.SEALED, Long.MIN_VALUE);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(3, sealed), sink);
    long first = Fixtures.firstSlotEnd(START);
    double[] dark = Fixtures.flat(3, 2, 0.1, 6);
    double[] load = Fixtures.flat(3, 2, 0.1, 7);
    Arrays.fill(load, DAY + 80, 2 * DAY, 300 / 4.0);
    for (int i = 0; i < dark.length; i++) {
      sink.currentTs = first + 900L * i;
      engine.onReading(10, 3, first + 900L * i, dark[i]);
      engine.onReading(11, 3, first + 900L * i, load[i]);
    }
    assertEquals(1, sink.opened(FindingKind.RESURGENCE).size());
    assertEquals(first + 900L * (DAY + 80), sink.opened(FindingKind.RESURGENCE).get(0).firstTs());
  }
}
