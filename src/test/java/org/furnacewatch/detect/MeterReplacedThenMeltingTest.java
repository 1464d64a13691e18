package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A meter replaced (换表) with its multiplier recorded keeps the site's load continuous in kWh, so
 * its history still holds. Relearning the history from scratch at every replacement left the site
 * unjudged for a week of working days, and then learned whatever it ran meanwhile as its own:
 * replace the meter, then melt. Only a new meter reading on another scale (a CT ratio the feed did
 * not apply: {@code BaselineRulesTest.levelShift_meterReplacementFlag_rebasesInsteadOfAlerting})
 * restarts it.
 */
class MeterReplacedThenMeltingTest {
  private static final int DAY = 96;
  private static final EnterpriseContext FACTORY =
      EnterpriseContext.operating("3311", "500102", 1000);
  private static final LocalDate START = LocalDate.of(2025, 3, 3);
  /** Wednesday 2025-04-02, 10:15. */
  private static final int REPLACED_DAY = 30;
  private static final long REPLACED_AT =
      Fixtures.firstSlotEnd(START.plusDays(REPLACED_DAY)) + 900L * 40;

  private static Fixtures.RecordingSink run(double[] kwh) {
    Fixtures.DatedContexts ctx = new Fixtures.DatedContexts().set(0, FACTORY)
        .set(0, REPLACED_AT, FACTORY.withLastMeterChange(REPLACED_AT));
    return Fixtures.replay(ctx, START, kwh);
  }

  @Test
  void furnaceAtNightFromTheReplacementsOwnEvening_isFoundWithin36Hours() {
    double[] kwh = Fixtures.dayShift(START, 45, 20, 300, 91);
    Fixtures.addFurnace(kwh, REPLACED_DAY, 45, 88, DAY, 450, 92); // 22:00-24:00
    Fixtures.addFurnace(kwh, REPLACED_DAY + 1, 45, 0, 20, 450, 93); // and on to 05:00
    Fixtures.RecordingSink sink = run(kwh);
    sink.assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, "2025-04-02T22:00+08:00");
  }

  @Test
  void furnaceAtNightTheDayAfterTheReplacement_isFoundWithin36Hours() {
    double[] kwh = Fixtures.dayShift(START, 45, 20, 300, 94);
    Fixtures.addFurnace(kwh, REPLACED_DAY + 1, 45, 88, DAY, 450, 95);
    Fixtures.addFurnace(kwh, REPLACED_DAY + 2, 45, 0, 20, 450, 96);
    Fixtures.RecordingSink sink = run(kwh);
    sink.assertFirstWithin36Hours(FindingKind.FURNACE_SIGNATURE, "2025-04-03T22:00+08:00");
  }

  @Test
  void loadTripledTwoDaysAfterTheReplacement_isOneLevelShiftWithin36Hours() {
    double[] kwh = Fixtures.dayShift(START, 45, 20, 300, 97);
    for (int i = (REPLACED_DAY + 2) * DAY + 48; i < kwh.length; i++) {
      kwh[i] *= 3;
    }
    Fixtures.RecordingSink sink = run(kwh);
    sink.assertFirstWithin36Hours(FindingKind.LEVEL_SHIFT, "2025-04-04T12:00+08:00");
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
  }
}
