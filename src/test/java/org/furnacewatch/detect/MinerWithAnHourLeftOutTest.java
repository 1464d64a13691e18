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
 * A miner switched on mid-morning at a two-shift plant, whose day's rows a power company uploads after
 * midnight with an hour left out (re-collected the next day). Its busy hours to midnight, lunch and
 * the shift's change included, carry the same kW: a constant added, read on them alone
 * ({@code FlatWindow.testBusyDay}), which bridges an hour or two unknown. On main 8d19016 one
 * unknown hour made it wait for the next night, a day later: after 36 h.
 */
class MinerWithAnHourLeftOutTest {
  private static final LocalDate START = LocalDate.of(2025, 10, 13);

  @Test
  void minerFromMorning_anHourLeftOut_flatFromThatDayAlone() {
    RecordingSink sink = fedToMidnight(1.0, 75, 1);
    assertFalse(sink.opened(FindingKind.FLAT_CONTINUOUS).isEmpty(), sink.findings.toString());
  }

  /** Three hours left out of the thirteen: too few read to tell, it waits. */
  @Test
  void minerFromMorning_threeHoursLeftOut_waits() {
    RecordingSink sink = fedToMidnight(1.0, 75, 3);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }

  /** The load multiplied from then as much instead: its lunch and shift change dip with it. */
  @Test
  void loadMultipliedFromMorning_anHourLeftOut_noFlat() {
    RecordingSink sink = fedToMidnight(1.43, 0, 1);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }

  /**
   * 15 kW at night and on rest days, 175 kW 08:00-24:00 on working days, 145 kW over lunch
   * (12:00-13:00) and the shift's change (17:00-18:00); from Wednesday 10:30 times factor, plus
   * addedKw; the evening's hours from 19:00 on, hoursLeftOut of them, not delivered.
   */
  private static RecordingSink fedToMidnight(double factor, double addedKw, int hoursLeftOut) {
    int onset = slot("2025-11-19T10:30"); // a Wednesday
    int gap = slot("2025-11-19T19:00");
    Random r = new Random(61);
    double[] kwh = new double[slot("2025-11-20T00:00")];
    for (int i = 0; i < kwh.length; i++) {
      boolean working = Fixtures.CALENDAR.isWorkingDay(START.plusDays(i / DAY));
      int s = i % DAY;
      double kw = !working || s < 32 ? 15 : s >= 48 && s < 52 || s >= 68 && s < 72 ? 145 : 175;
      kwh[i] = kw / 4 * ((i >= onset ? factor : 1) + 0.03 * r.nextGaussian())
          + (i >= onset ? addedKw / 4 : 0);
    }
    // (every other hour: two hours left out side by side would read as one longer gap)
    for (int h = 0; h < hoursLeftOut; h++) {
      for (int q = 0; q < 4; q++) {
        kwh[gap + 8 * h + q] = Double.NaN;
      }
    }
    return Fixtures.replay(new DatedContexts().set(0, BaselineRulesTest.FACTORY), START, kwh);
  }

  private static int slot(String local) {
    return Fixtures.slotOf(START, local);
  }
}
