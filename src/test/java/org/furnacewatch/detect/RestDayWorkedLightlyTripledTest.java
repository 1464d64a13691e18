package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A plant that works its rest days lightly, its whole load tripled from a Sunday morning. A power
 * company uploading a day at a time sends that Sunday alone before 36 h are out. Its worked hours,
 * three times their own Sunday level, stay under the working day's, against which a rest day is
 * judged. Only its evening's floor is raised there: hours all of one level, on which a factor and
 * a constant read alike. Read from the morning on against the Sunday's own shape, the hours rose by
 * a factor: a level shift, from that day's rows alone ({@code LoadShapeRule.ownRiseStart}). On main
 * 7f02045 it waited for Monday.
 */
class RestDayWorkedLightlyTripledTest {
  private static final LocalDate START = LocalDate.of(2025, 10, 13);

  @Test
  void sundayTripledFromItsMorning_aLevelShiftFromThatDayAlone() {
    RecordingSink sink = fedToMidnight(3.0, 0);
    List<Finding> opened = sink.opened(FindingKind.LEVEL_SHIFT);
    assertFalse(opened.isEmpty(), sink.findings.toString());
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }

  /** The same Sunday worked as usual: nothing. */
  @Test
  void sundayAsUsual_nothing() {
    RecordingSink sink = fedToMidnight(1.0, 0);
    assertEquals(List.of(), sink.findings, sink.findings.toString());
  }

  /** 18 kW added from that morning instead, a miner's: the same kW over both levels, no factor. */
  @Test
  void sundayMinerFromItsMorning_noLevelShift() {
    RecordingSink sink = fedToMidnight(1.0, 18);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
  }

  /**
   * 30 kW 08:00-18:00 on working days, 12 kW then on rest days, a 3 kW floor; from the onset times
   * factor, plus addedKw.
   */
  private static RecordingSink fedToMidnight(double factor, double addedKw) {
    int onset = slot("2025-11-16T08:30"); // a Sunday
    Random r = new Random(95);
    double[] kwh = new double[slot("2025-11-17T00:00")];
    for (int i = 0; i < kwh.length; i++) {
      LocalDate day = START.plusDays(i / DAY);
      int s = i % DAY;
      boolean working = Fixtures.CALENDAR.isWorkingDay(day);
      double kw = s >= 32 && s < 72 ? (working ? 30 : 12) : 3;
      // (the noise of the plant's own load: a load multiplied need not swing more)
      kwh[i] = kw / 4 * ((i >= onset ? factor : 1) + 0.05 * r.nextGaussian())
          + (i >= onset ? addedKw / 4 : 0);
    }
    return Fixtures.replay(new DatedContexts().set(0, BaselineRulesTest.SMALL_SHOP), START, kwh);
  }

  private static int slot(String local) {
    return Fixtures.slotOf(START, local);
  }
}
