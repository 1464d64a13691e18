package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * Around the clock, a flat window tests its floor hours one by one and the hours the plant works
 * by their mean excess only (within what a constant added would give). A miner of 150 kW switched
 * on as the day shift eased by 50 kW raises the busy hours by 100 kW: the finding used to claim
 * "无论白天还是夜间……每小时都高出至少 149 千瓦", which no busy hour was. It now claims what it
 * tested.
 */
class FlatBusyHoursClaimedByTheirMeanTest {
  private static final int DAY = Fixtures.DAY;

  @Test
  void busyHoursAreClaimedByTheirMeanExcess() {
    LocalDate start = LocalDate.of(2025, 9, 1); // a Monday
    double[] kwh = Fixtures.dayShift(start, 30, 20, 300, 541);
    int onset = 22 * DAY + 4; // Tuesday 2025-09-23, 01:00
    Random r = new Random(542);
    for (int i = onset; i < kwh.length; i++) {
      boolean busy = kwh[i] > 100 / 4.0; // (the day shift's quarter hours, lunch included)
      kwh[i] += ((busy ? 100 : 150) + 0.6 * r.nextGaussian()) / 4.0;
    }
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0,
        EnterpriseContext.operating("3311", "500102", 1000)), sink);
    long first = Fixtures.firstSlotEnd(start);
    Fixtures.feed(engine, sink, 0, 0, first, kwh);
    engine.advanceTo(first + 900L * kwh.length + 2 * 86_400);

    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
    List<Finding> flat = sink.opened(FindingKind.FLAT_CONTINUOUS);
    assertEquals(1, flat.size(), sink.findings.toString());
    Finding f = flat.get(0);
    assertTrue(f.features().get("flatExcessKw") >= 130, f.toString());
    Double worked = f.features().get("flatWorkedExcessKw");
    assertNotNull(worked, "the busy hours' mean excess, as tested: " + f.features());
    assertTrue(worked > 85 && worked < 115, f.toString());
    String line = f.thresholdsCrossed().get(0);
    assertTrue(line.matches("every one of the \\d+ floor hours of the last \\d+ raised by >= .*")
        && line.contains(" working-day busy hours raised by "), line);
    assertFalse(f.explanation().contains("无论白天还是夜间"), f.explanation());
    int hours = f.features().get("flatWorkedHours").intValue();
    assertTrue(f.explanation().contains(
        "工作日生产的 " + hours + " 个小时平均也高出约 " + Explanations.num(worked) + " 千瓦"),
        f.explanation());
  }
}
