package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.furnacewatch.detect.Fixtures.slotOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

/** LEVEL_SHIFT, NIGHT_LOAD, FLAT_CONTINUOUS, INTENSITY_MISMATCH and their confounders. */
class BaselineRulesTest {
  static final EnterpriseContext FACTORY = EnterpriseContext.operating("3311", "500102", 1000);

  private static RecordingSink run(ContextSource ctx, LocalDate start, double[] kwh) {
    return Fixtures.replay(ctx, start, kwh);
  }

  @Test
  void levelShift_springFestivalDropAndReturnWithMakeUpDays_staysQuiet() {
    // 2024: holiday 02-10..02-17, make-up working Sundays 02-04 and 02-18; the factory also
    // stays shut for the week after the holiday, then returns to its usual load.
    LocalDate start = LocalDate.of(2024, 1, 1);
    double[] kwh = Fixtures.dayShift(start, 70, 20, 500, 31);
    int shutFrom = (int) (LocalDate.of(2024, 2, 8).toEpochDay() - start.toEpochDay());
    int shutTo = (int) (LocalDate.of(2024, 2, 26).toEpochDay() - start.toEpochDay());
    double[] idle = Fixtures.flat(shutTo - shutFrom, 15, 0.1, 32);
    System.arraycopy(idle, 0, kwh, shutFrom * DAY, idle.length);
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.findings);
    assertTrue(Fixtures.CALENDAR.isMakeUpWorkday(LocalDate.of(2024, 2, 18)));
  }

  @Test
  void levelShift_loadRisesToOneAndAHalfTimes_foundThatDay() {
    // A day-shift plant whose whole load rises to 1.5 times from Tuesday 2025-04-01 07:30 on:
    // below the old minRatio of 1.6, so never found before.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 36, 40, 500, 43);
    int onset = 29 * DAY + 30;
    for (int i = onset; i < kwh.length; i++) {
      kwh[i] *= 1.5;
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.LEVEL_SHIFT); // again after each weekend
    assertFalse(opened.isEmpty(), sink.findings.toString());
    assertTrue(opened.get(0).features().get("ratio") < 1.6, opened.get(0).toString());
    long onsetTs = Fixtures.firstSlotEnd(start) + 900L * onset;
    assertTrue(sink.detectedAt(FindingKind.LEVEL_SHIFT) - onsetTs <= 24 * 3600, opened.get(0).toString());
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE));
  }

  @Test
  void levelShift_plantThatVariesByAFifthFromDayToDay_staysQuiet() {
    // Orders swing a day-shift plant's working days between 0.8 and 1.2 times its usual load for
    // six weeks: its own spread, learned in its sigmas, is no level shift even at 1.4 times.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 42, 40, 500, 44);
    java.util.Random r = new java.util.Random(45);
    for (int d = 0; d < 42; d++) {
      double f = 0.8 + 0.4 * r.nextDouble();
      for (int s = 32; s < 72; s++) {
        kwh[d * DAY + s] *= f;
      }
    }
    assertEquals(List.of(), run(new DatedContexts().set(0, FACTORY), start, kwh).findings);
  }

  @Test
  void levelShift_suspendedSiteResumesProductionWithoutAReopening_foundThatDay() {
    // Suspended (停产整顿) since before the watch: 12 kW of standby for three weeks, then its
    // day-shift production of 400 kW returns from Monday 2025-03-24 while the registry still
    // says SUSPENDED. No dated reopening explains it.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = productionBackOnDay21(start, 28);
    EnterpriseContext suspended = FACTORY.withStatus(EnterpriseStatus.SUSPENDED, Long.MIN_VALUE);
    RecordingSink sink = run(new DatedContexts().set(0, suspended), start, kwh);
    List<Finding> opened = levelShiftWithin(sink, Fixtures.firstSlotEnd(start.plusDays(21)) + 900L * 32, 12);
    assertTrue(opened.get(0).explanation().contains("停产整顿"), opened.get(0).explanation());
    assertEquals(List.of(), sink.opened(FindingKind.RESURGENCE), "suspended is not closed");
  }

  @Test
  void levelShift_suspendedFoundryMeltingInItsLicenceAgain_foundWhileItMelts() {
    // A suspended foundry (licensed 600 kW furnace) at 15 kW of standby; from Monday 2025-03-24
    // its furnace melts 08:00-17:00 at 520 kW, within its licence, the registry still SUSPENDED.
    // Its heats are no excuse: a suspended site's melting is production.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.flat(28, 15, 0.1, 48);
    Fixtures.addFurnace(kwh, 21, 28, 32, 68, 520, 49);
    EnterpriseContext foundry = EnterpriseContext.operating("3391", "500102", 1000)
        .withFurnaces(600, 0).withStatus(EnterpriseStatus.SUSPENDED, Long.MIN_VALUE);
    levelShiftWithin(run(new DatedContexts().set(0, foundry), start, kwh),
        Fixtures.firstSlotEnd(start.plusDays(21)) + 900L * 32, 9);
  }

  @Test
  void levelShift_suspendedSiteAtStandbyWithADatedReopening_staysQuiet() {
    // The same site with its reopening on file from the Monday its production returns.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = productionBackOnDay21(start, 35);
    long reopened = Fixtures.firstSlotEnd(start.plusDays(21)) - 900;
    DatedContexts ctx = new DatedContexts()
        .set(0, FACTORY.withStatus(EnterpriseStatus.SUSPENDED, Long.MIN_VALUE))
        .set(0, reopened, FACTORY.withStatus(EnterpriseStatus.OPERATING, reopened));
    assertEquals(List.of(), run(ctx, start, kwh).findings);
  }

  @Test
  void levelShift_consumptionTriples_fires() {
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 40, 20, 300, 41);
    double[] more = Fixtures.dayShift(start.plusDays(30), 10, 60, 900, 42);
    System.arraycopy(more, 0, kwh, 30 * DAY, more.length);
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.LEVEL_SHIFT);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertTrue(opened.get(0).features().get("ratio") >= 2.5);
    assertEquals(Fixtures.firstSlotEnd(start.plusDays(30)), opened.get(0).firstTs());
  }

  @Test
  void levelShift_stepLateOnSaturday_startsAtTheStepNotAtMonday() {
    // The load quadruples from Saturday 2025-03-29 21:00: Saturday crosses only for 3 hours,
    // Sunday cannot be judged yet (too few rest days seen), Monday is the first day that
    // crosses. The episode starts at the step, not at Monday 00:15 (60 h late).
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 40, 20, 300, 43);
    int step = 26 * DAY + 84;
    for (int i = step; i < kwh.length; i++) {
      kwh[i] *= 4;
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.LEVEL_SHIFT);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertEquals(Fixtures.ts("2025-03-29T21:15"), opened.get(0).firstTs());
  }

  @Test
  void levelShift_meterReplacementFlag_rebasesInsteadOfAlerting() {
    // After the replacement the new meter reads 3x (a different CT ratio the feed did not apply).
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 45, 20, 300, 51);
    for (int i = 30 * DAY; i < kwh.length; i++) {
      kwh[i] *= 3;
    }
    long replaced = Fixtures.firstSlotEnd(start.plusDays(30)) - 900;
    DatedContexts flagged = new DatedContexts().set(0, FACTORY)
        .set(0, replaced, FACTORY.withLastMeterChange(replaced));
    assertEquals(0, run(flagged, start, kwh).of(FindingKind.LEVEL_SHIFT).size());
    // Without the flag the same series is a level shift.
    assertEquals(1, run(new DatedContexts().set(0, FACTORY), start, kwh)
        .opened(FindingKind.LEVEL_SHIFT).size());
  }

  @Test
  void levelShift_approvedCapacityIncrease_isContext() {
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 45, 20, 300, 61);
    double[] more = Fixtures.dayShift(start.plusDays(30), 15, 60, 1100, 62);
    System.arraycopy(more, 0, kwh, 30 * DAY, more.length);
    long approved = Fixtures.firstSlotEnd(start.plusDays(29));
    DatedContexts ctx = new DatedContexts().set(0, FACTORY)
        .set(0, approved, FACTORY.withCapacityKva(2500));
    assertEquals(List.of(), run(ctx, start, kwh).findings);
  }

  @Test
  void meterGaps_oneMeterMissingHalfTheFirstDay_isNotLearnedAsZero() {
    // A 24/7 chemical plant on two meters; the first day, one meter lacks its afternoon and
    // evening (a gap never re-collected). Those hours used to be learned as zero and read as a
    // 200-fold level shift.
    LocalDate start = LocalDate.of(2026, 1, 20);
    double[] one = Fixtures.flat(30, 1500, 0.03, 72);
    double[] two = Fixtures.flat(30, 1500, 0.03, 73);
    Arrays.fill(two, 48, DAY, Double.NaN);
    EnterpriseContext plant = EnterpriseContext.operating("2614", "500102", 6300);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, plant), sink);
    long first = Fixtures.firstSlotEnd(start);
    for (int i = 0; i < one.length; i++) {
      engine.onReading(0, 0, first + 900L * i, one[i]);
      if (!Double.isNaN(two[i])) {
        engine.onReading(1, 0, first + 900L * i, two[i]);
      }
    }
    engine.advanceTo(first + 900L * one.length + 2 * 86_400);
    assertEquals(List.of(), sink.findings);
  }

  @Test
  void levelShift_sundayWorkedBeforeWorkingDaysAreLearned_staysQuiet() {
    // Starts on a Tuesday; Saturday idle, Sunday worked as on a working day, and a reading of
    // Monday 05:00 is re-collected on Tuesday afternoon. The windows re-judged then reach back
    // into Sunday; by then two rest days are learned but only four working days: judged against
    // rest days alone, the worked Sunday read as eight times its usual load.
    LocalDate start = LocalDate.of(2026, 1, 20);
    double[] kwh = Fixtures.dayShift(start, 21, 20, 300, 74);
    double[] work = Fixtures.dayShift(LocalDate.of(2026, 1, 26), 1, 20, 300, 75);
    int sunday = 5 * DAY;
    System.arraycopy(work, 0, kwh, sunday, DAY);
    int withheld = sunday + DAY + 20;
    int tuesdayAfternoon = 7 * DAY + 56;
    double late = kwh[withheld];
    kwh[withheld] = Double.NaN;
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, FACTORY), sink);
    long first = Fixtures.firstSlotEnd(start);
    Fixtures.feed(engine, sink, 0, 0, first, Arrays.copyOf(kwh, tuesdayAfternoon));
    engine.onReading(0, 0, first + 900L * withheld, late);
    Fixtures.feed(engine, sink, 0, 0, first + 900L * tuesdayAfternoon,
        Arrays.copyOfRange(kwh, tuesdayAfternoon, kwh.length));
    engine.advanceTo(first + 900L * kwh.length + 2 * 86_400);
    assertEquals(List.of(), sink.findings);
  }

  @Test
  void meterGaps_missingDaysAreNotLowLoad() {
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 45, 20, 300, 71);
    Arrays.fill(kwh, 20 * DAY, 24 * DAY + 30, Double.NaN); // four and a bit days of no data
    for (int d = 30; d < 45; d++) {
      Arrays.fill(kwh, d * DAY + 40, d * DAY + 46, Double.NaN); // daily 90-minute gaps
    }
    assertEquals(List.of(), run(new DatedContexts().set(0, FACTORY), start, kwh).findings);
  }

  @Test
  void nightLoad_dayShiftFactoryStartsHeavyNightWork_fires() {
    LocalDate start = LocalDate.of(2025, 4, 7);
    double[] kwh = Fixtures.dayShift(start, 35, 20, 400, 81);
    for (int d = 25; d < 35; d++) {
      for (int s = 0; s < 20; s++) {
        kwh[d * DAY + s] += 350 / 4.0; // 00:00-05:00 at +350 kW
      }
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.NIGHT_LOAD);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertTrue(opened.get(0).explanation().contains("夜间"));
  }

  @Test
  void nightLoad_workMovedToTheNightWithRowsStillToCome_foundTheFirstMorning() {
    // The day shift (400 kW) moves to 00:15-06:00 from Wednesday 2025-05-07; five rows of that
    // first night come only with the next day's upload. Read as dips, the missing rows cut the
    // flat block of work into "heats", and the night waited for its second night (past 36 h).
    LocalDate start = LocalDate.of(2025, 4, 7);
    double[] kwh = Fixtures.dayShift(start, 35, 20, 400, 81);
    int from = slotOf(start, "2025-05-07T00:15");
    java.util.Random r = new java.util.Random(82);
    for (int d = from / DAY; d < 35; d++) {
      for (int s = 0; s < DAY; s++) {
        double kw = s >= 1 && s < 24 ? 400 : 20;
        kwh[d * DAY + s] = kw / 4 * (1 + 0.05 * r.nextGaussian());
      }
    }
    java.util.Set<Integer> late = java.util.Set.of(from + 3, from + 7, from + 11, from + 15, from + 19);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, FACTORY), sink);
    long first = Fixtures.firstSlotEnd(start);
    for (int i = 0; i < kwh.length; i++) {
      if (late.contains(i)) {
        continue;
      }
      sink.currentTs = first + 900L * i;
      engine.onReading(0, 0, sink.currentTs, kwh[i]);
      if (i == from + DAY + DAY / 2) {
        for (int j : late) {
          engine.onReading(0, 0, first + 900L * j, kwh[j]);
        }
      }
    }
    engine.advanceTo(first + 900L * kwh.length + 2 * 86_400);
    assertEquals(1, sink.opened(FindingKind.NIGHT_LOAD).size(), sink.findings.toString());
    assertTrue(sink.detectedAt(FindingKind.NIGHT_LOAD) <= Fixtures.ts("2025-05-07T12:00"),
        sink.findings.toString());
  }

  @Test
  void nightLoad_eveningOfOvertimeBeforeTheWorkMovesToTheNight_isNightLoadNotALevelShift() {
    // Tuesday 2025-05-06 works on to 21:00 at 65 %; from Wednesday the work runs 00:00-07:00 and the
    // day is idle. The evening and the hour after 06:00 made the raised hours less than three
    // quarters night, and the first morning raised a level shift before the night load.
    LocalDate start = LocalDate.of(2025, 4, 7);
    double[] kwh = Fixtures.dayShift(start, 35, 20, 400, 81);
    java.util.Random r = new java.util.Random(83);
    addConstantLoad(kwh, slotOf(start, "2025-05-06T17:45"), slotOf(start, "2025-05-06T21:15"), 240, 84);
    int from = slotOf(start, "2025-05-07T00:15");
    for (int i = from; i < kwh.length; i++) {
      double kw = i % DAY < 28 ? 400 : 20;
      kwh[i] = kw / 4 * (1 + 0.05 * r.nextGaussian());
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), "work moved to the night is not a level shift");
    assertEquals(1, sink.opened(FindingKind.NIGHT_LOAD).size(), sink.findings.toString());
    assertTrue(sink.detectedAt(FindingKind.NIGHT_LOAD) <= Fixtures.ts("2025-05-08T12:00"), sink.findings.toString());
  }

  @Test
  void flat_minerStartedTheNightAfterAnEveningOfOvertime_isNeverALevelShift() {
    // The evening's overtime (18:00-21:00) and the miner's first hours after midnight made one
    // excess that was not "plus a constant", and a level shift was raised before the flat window
    // could judge the miner.
    LocalDate start = LocalDate.of(2025, 4, 7);
    EnterpriseContext plant = EnterpriseContext.operating("3311", "500102", 1000);
    double[] kwh = Fixtures.dayShift(start, 35, 20, 300, 95);
    addConstantLoad(kwh, slotOf(start, "2025-05-06T18:15"), slotOf(start, "2025-05-06T21:15"), 200, 96);
    int onset = slotOf(start, "2025-05-07T01:15");
    addMiner(kwh, onset, 150, 97);
    RecordingSink sink = run(new DatedContexts().set(0, plant), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), "a miner is not a level shift");
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size(), sink.findings.toString());
    long onsetTs = Fixtures.firstSlotEnd(start) + 900L * onset;
    assertTrue(sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs <= 36 * 3600, sink.findings.toString());
  }

  @Test
  void flatContinuous_minerMovesIntoWarehouse_fires() {
    LocalDate start = LocalDate.of(2025, 5, 5);
    EnterpriseContext warehouse = EnterpriseContext.operating("5920", "500102", 1000);
    double[] kwh = Fixtures.dayShift(start, 35, 10, 80, 91);
    double[] miner = Fixtures.flat(10, 600, 0.02, 92);
    System.arraycopy(miner, 0, kwh, 25 * DAY, miner.length);
    RecordingSink sink = run(new DatedContexts().set(0, warehouse), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.FLAT_CONTINUOUS);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertEquals(Fixtures.firstSlotEnd(start.plusDays(25)), opened.get(0).firstTs());
  }

  @Test
  void flatContinuous_minerAddedToAWorkingPlantWithGapsNeverRecollected_firesWithin36Hours() {
    // A Tuesday: one hour in every eight never arrives (gaps the power company does not re-collect), so every
    // 16-hour flat window lacks two hours; the flat window once needed every hour and never fired.
    LocalDate start = LocalDate.of(2025, 5, 6);
    EnterpriseContext plant = EnterpriseContext.operating("3311", "500102", 1000);
    double[] kwh = Fixtures.dayShift(start, 35, 20, 300, 93);
    int onset = 28 * DAY + 40; // 10:00
    double[] miner = Fixtures.flat(6, 150, 0.02, 94);
    for (int i = 0; i < miner.length; i++) {
      kwh[onset + i] += miner[i];
    }
    for (int gap = onset + 20; gap + 4 <= kwh.length; gap += 32) {
      for (int i = gap; i < gap + 4; i++) {
        kwh[i] = Double.NaN; // 15:00-16:00, 23:00-24:00, 07:00-08:00, ...
      }
    }
    RecordingSink sink = run(new DatedContexts().set(0, plant), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.FLAT_CONTINUOUS);
    assertEquals(1, opened.size(), sink.findings.toString());
    long onsetTs = Fixtures.firstSlotEnd(start) + 900L * onset;
    assertTrue(sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs <= 36 * 3600,
        "detected " + (sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs) / 3600 + " h after onset");
    assertEquals(0, sink.opened(FindingKind.LEVEL_SHIFT).size(), "a miner is not a level shift");
  }

  @Test
  void nightLoad_minerWhileTheWorkWindsDown_isNotNightLoad() {
    // From day 25 the day shift works at 40 % (the weeks before the Spring Festival) and a miner
    // draws 150 kW around the clock: the working hours are not raised, the nights are, and so
    // are the idle evening and early-morning hours. That is not work moved into the night.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 40, 20, 300, 76);
    for (int d = 25; d < 40; d++) {
      for (int s = 0; s < DAY; s++) {
        int i = d * DAY + s;
        if (kwh[i] > 40 / 4.0) {
          kwh[i] = 20 / 4.0 + 0.4 * (kwh[i] - 20 / 4.0);
        }
        kwh[i] += 150 / 4.0;
      }
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.NIGHT_LOAD), sink.findings.toString());
  }

  @Test
  void flatContinuous_minerStartedOnTheOneWeekendAPlantRests_firesThatWeekend() {
    // A two-shift plant (08:00-24:00) that works its weekends too rests one. A 150 kW miner starts at 02:00 on
    // that Saturday: its working hours read far below their usual level, nothing was left to tell the floor's
    // rise by, and the miner waited for Monday (56 h).
    LocalDate start = LocalDate.of(2025, 5, 5); // a Monday
    double[] kwh = Fixtures.twoShift(start, 35, 120, 800, 0.05, 95);
    java.util.Random r = new java.util.Random(96);
    int rested = 19; // Saturday 05-24
    for (int d = 0; d < 35; d++) {
      boolean weekend = d % 7 == 5 || d % 7 == 6;
      for (int s = 32; s < DAY && weekend && d != rested && d != rested + 1; s++) {
        kwh[d * DAY + s] = 800 / 4.0 * (1 + 0.05 * r.nextGaussian());
      }
    }
    int onset = rested * DAY + 8; // 02:00
    for (int i = onset; i < kwh.length; i++) {
      kwh[i] += 150 / 4.0;
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    long onsetTs = Fixtures.firstSlotEnd(start) + 900L * onset;
    assertTrue(sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs <= 36 * 3600,
        "FLAT_CONTINUOUS " + (sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs) / 3600 + " h after onset");
  }

  @Test
  void flatContinuous_twoShiftPlantWorkingOneSaturdayFromAnHourEarly_staysQuiet() {
    // A two-shift plant (08:00-24:00) that rests on Saturdays works one, from 07:00, at a steady 800 kW. Its
    // 07:00 hour was the window's only hour idle on working days, so the whole worked day read as running at
    // the idle hours' load, and as steady as a miner's.
    LocalDate start = LocalDate.of(2025, 5, 5); // a Monday
    double[] kwh = Fixtures.twoShift(start, 35, 120, 800, 0.05, 97);
    java.util.Random r = new java.util.Random(98);
    int saturday = 19;
    for (int s = 28; s < 92; s++) { // 07:00-23:00
      kwh[saturday * DAY + s] = (800 + 5 * r.nextGaussian()) / 4.0;
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }

  @Test
  void flatContinuous_wholeLoadMultipliedOnAHighFloor_isALevelShift() {
    // A plant whose floor is 60 % of its working level: multiplied by 2.5, its idle and busy
    // hours rise by similar kW, but by the same factor, not by the same constant.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 40, 180, 300, 77);
    for (int i = 30 * DAY; i < kwh.length; i++) {
      kwh[i] *= 2.5;
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
  }

  @Test
  void flatContinuous_levelShiftReadAsFlatWeeksLaterOnSundays_isTheSameAlert() {
    // A plant whose floor is half its working level doubles its whole load from 2025-12-16 09:00
    // for good. The level shift is the alert; on Sundays weeks later, with its working hours at
    // rest, the doubled floor reads as a flat load added, the same load, not a second alert.
    LocalDate start = LocalDate.of(2025, 12, 1);
    double[] kwh = Fixtures.dayShift(start, 60, 60, 120, 11);
    for (int i = slotOf(start, "2025-12-16T09:00"); i < kwh.length; i++) {
      kwh[i] *= 2;
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(1, sink.opened(FindingKind.LEVEL_SHIFT).size(), sink.findings.toString());
    assertEquals(List.of(), sink.of(FindingKind.FLAT_CONTINUOUS), sink.findings.toString());
  }

  @Test
  void flatContinuous_minerStartedWhileWorkWindsDownForTheSpringFestival_firesWithin36Hours() {
    // 2026: holiday 02-15..02-23. From 02-05 the day shift works at 40 %; a 150 kW miner starts on
    // Monday 02-09 at 02:00. Its working hours are no reference then: the idle hours decide.
    LocalDate start = LocalDate.of(2025, 12, 15);
    double[] kwh = Fixtures.dayShift(start, 70, 20, 300, 78);
    int windDown = (int) (LocalDate.of(2026, 2, 5).toEpochDay() - start.toEpochDay());
    int onset = (int) (LocalDate.of(2026, 2, 9).toEpochDay() - start.toEpochDay()) * DAY + 8;
    for (int i = windDown * DAY; i < kwh.length; i++) {
      if (kwh[i] > 40 / 4.0) {
        kwh[i] = 20 / 4.0 + 0.4 * (kwh[i] - 20 / 4.0);
      }
      if (i >= onset) {
        kwh[i] += 150 / 4.0;
      }
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    long onsetTs = Fixtures.firstSlotEnd(start) + 900L * onset;
    assertTrue(sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs <= 36 * 3600,
        "FLAT_CONTINUOUS " + (sink.detectedAt(FindingKind.FLAT_CONTINUOUS) - onsetTs) / 3600 + " h after onset");
    assertEquals(List.of(), sink.opened(FindingKind.NIGHT_LOAD));
  }

  @Test
  void flatContinuous_minerStartedSundayEveningFedInShuffledHalfDays_isNeverALevelShift() {
    // A 71 kW miner at a 200 kVA day-shift plant from Sunday 21:30, its readings delivered as a power company
    // does: half-day uploads, rows in any order. A window judged before its newest hour arrived raised the
    // miner as LEVEL_SHIFT first.
    LocalDate start = LocalDate.of(2026, 4, 20);
    double[] kwh = Fixtures.dayShift(start, 35, 45, 380, 79);
    int onset = (int) (LocalDate.of(2026, 5, 10).toEpochDay() - start.toEpochDay()) * DAY + 86;
    for (int i = onset; i < kwh.length; i++) {
      kwh[i] += 71 / 4.0;
    }
    EnterpriseContext plant = EnterpriseContext.operating("3484", "500102", 200);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, plant), sink);
    long first = Fixtures.firstSlotEnd(start);
    java.util.Random r = new java.util.Random(80);
    for (int from = 0; from < kwh.length; from += DAY / 2) {
      List<Integer> order = new java.util.ArrayList<>();
      for (int i = from; i < from + DAY / 2; i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, r);
      for (int i : order) {
        sink.currentTs = first + 900L * i;
        engine.onReading(0, 0, first + 900L * i, kwh[i]);
      }
      engine.flush();
    }
    engine.advanceTo(first + 900L * kwh.length + 2 * 86_400);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT).stream().map(Finding::firstTs).toList());
    assertEquals(1, sink.opened(FindingKind.FLAT_CONTINUOUS).size());
  }

  @Test
  void flatContinuous_furnaceMeltingRoundTheClock_isAFurnaceNotAMiner() {
    // From day 30 a 400 kW furnace melts day and night at a day-shift plant: its hourly load is
    // raised by about the same kW in every hour, like a miner's, but it melts in heats.
    LocalDate start = LocalDate.of(2025, 3, 3);
    double[] kwh = Fixtures.dayShift(start, 40, 20, 300, 81);
    Fixtures.addFurnace(kwh, 30, 40, 0, DAY, 400, 82);
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS).stream().map(Finding::firstTs).toList());
    assertEquals(1, sink.opened(FindingKind.FURNACE_SIGNATURE).size());
  }

  @Test
  void flatContinuous_coldStorageAndChemicalPlant_stayQuiet() {
    LocalDate start = LocalDate.of(2025, 5, 5);
    for (String industry : List.of("5930", "2614")) {
      EnterpriseContext c = EnterpriseContext.operating(industry, "500102", 1000);
      // Flat from the start, and a process plant that switches from day work to 24/7 flat.
      double[] kwh = Fixtures.dayShift(start, 40, 50, 300, 93);
      double[] flat = Fixtures.flat(20, 700, 0.02, 94);
      System.arraycopy(flat, 0, kwh, 20 * DAY, flat.length);
      RecordingSink sink = new RecordingSink();
      DetectionEngine engine = Fixtures.engineWithShippedProfiles(new DatedContexts().set(0, c), sink);
      Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(start), kwh);
      assertEquals(0, sink.of(FindingKind.FLAT_CONTINUOUS).size(), industry);
    }
  }

  @Test
  void flatContinuous_alwaysFlatSinceRegistration_isNotNovel() {
    LocalDate start = LocalDate.of(2025, 5, 5);
    double[] kwh = Fixtures.flat(40, 500, 0.02, 95);
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(0, sink.of(FindingKind.FLAT_CONTINUOUS).size());
  }

  @Test
  void intensity_monthKwhFarAboveDeclaredTonnes_fires() {
    LocalDate start = LocalDate.of(2025, 6, 1);
    EnterpriseContext declared = EnterpriseContext.operating("3130", "500102", 2000)
        .withDeclarations(100, Double.NaN); // 100 t declared: at most ~80 MWh
    double[] kwh = Fixtures.flat(30, 500, 0.1, 101); // ~360 MWh in June
    RecordingSink sink = run(new DatedContexts().set(0, declared), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.INTENSITY_MISMATCH);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertTrue(opened.get(0).features().get("ratio") > 4);
    assertTrue(opened.get(0).explanation().contains("申报产量"));
  }

  @Test
  void intensity_declaredOutputMatches_staysQuiet() {
    LocalDate start = LocalDate.of(2025, 6, 1);
    EnterpriseContext declared = EnterpriseContext.operating("3130", "500102", 2000)
        .withDeclarations(560, Double.NaN); // 560 t x 650 kWh/t = 364 MWh
    double[] kwh = Fixtures.flat(30, 500, 0.1, 102);
    assertEquals(0, run(new DatedContexts().set(0, declared), start, kwh)
        .of(FindingKind.INTENSITY_MISMATCH).size());
  }

  @Test
  void levelShift_floorMultipliedOnHoliday_foundBeforeTheHolidayEnds() {
    // The whole load triples from 2025-10-02 03:00, inside the National Day week: the holiday
    // shows only the floor (20 kW -> 60 kW, its 5% noise tripled with it); no working day
    // comes until 10-09.
    LocalDate start = LocalDate.of(2025, 8, 25);
    double[] kwh = Fixtures.dayShift(start, 50, 20, 300, 61);
    multiplyFrom(kwh, slotOf(start, "2025-10-02T03:00"), 3);
    foundOnceBy(run(new DatedContexts().set(0, FACTORY), start, kwh), FindingKind.LEVEL_SHIFT,
        "2025-10-03T15:00", FindingKind.FLAT_CONTINUOUS);
  }

  @Test
  void flat_minerAddedOnHoliday_foundBeforeTheHolidayEnds() {
    // The same factory; from 2025-10-02 03:00 a 40 kW miner runs on top (the floor 20 -> 60 kW,
    // as above, but its steps stay those of the 20 kW floor: the rigs draw a constant load).
    LocalDate start = LocalDate.of(2025, 8, 25);
    double[] kwh = Fixtures.dayShift(start, 50, 20, 300, 61);
    addMiner(kwh, slotOf(start, "2025-10-02T03:00"), 40, 62);
    foundOnceBy(run(new DatedContexts().set(0, FACTORY), start, kwh), FindingKind.FLAT_CONTINUOUS,
        "2025-10-03T15:00", FindingKind.LEVEL_SHIFT);
  }

  @Test
  void levelShift_twoShiftFloorMultipliedOnHoliday_foundBeforeTheHolidayEnds() {
    // A two-shift plant (08:00-24:00 at 400 kW, 40 kW at night, 5% noise): on a holiday only its
    // night hours are floor, so only they are raised when the whole load triples from 2025-10-02.
    LocalDate start = LocalDate.of(2025, 8, 25);
    double[] kwh = Fixtures.twoShift(start, 50, 40, 400, 0.05, 71);
    multiplyFrom(kwh, slotOf(start, "2025-10-02T10:00"), 3);
    foundOnceBy(run(new DatedContexts().set(0, FACTORY), start, kwh), FindingKind.LEVEL_SHIFT,
        "2025-10-03T18:00", FindingKind.FLAT_CONTINUOUS); // the day after its first night
  }

  @Test
  void levelShift_smallPlantTripledFromSaturdayMorning_foundOverTheWeekend() {
    // A 100 kVA machine shop: 30 kW by day, a 2 kW floor (5% noise). From Saturday 2025-10-18
    // 08:30 its whole load triples; it does not work that weekend, so only the floor shows the
    // change (2 -> 6 kW, below the level shift's 5 kW in any one hour), for a day and a half
    // before Monday's work would. Judged on the floor through the weekend, within 36 hours.
    LocalDate start = LocalDate.of(2025, 9, 8);
    double[] kwh = Fixtures.dayShift(start, 50, 2, 30, 91);
    multiplyFrom(kwh, slotOf(start, "2025-10-18T08:30"), 3);
    foundOnceBy(run(new DatedContexts().set(0, SMALL_SHOP), start, kwh), FindingKind.LEVEL_SHIFT,
        "2025-10-19T20:30", FindingKind.FLAT_CONTINUOUS);
  }

  @Test
  void levelShift_smallPlantWithAHeaterLeftOnOverTheWeekend_staysQuiet() {
    // The same shop; a 4 kW heater left on from Saturday 08:30 to Monday 08:00: the floor
    // rises as much, but by a constant load, its steps those of the 2 kW floor. Not a level shift.
    LocalDate start = LocalDate.of(2025, 9, 8);
    double[] kwh = Fixtures.dayShift(start, 50, 2, 30, 91);
    addConstantLoad(kwh, slotOf(start, "2025-10-18T08:30"), slotOf(start, "2025-10-20T08:00"), 4, 92);
    RecordingSink sink = run(new DatedContexts().set(0, SMALL_SHOP), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT), sink.findings.toString());
  }

  static final EnterpriseContext SMALL_SHOP = EnterpriseContext.operating("3484", "500102", 100);

  /** 12 kW of standby, then from day 21 on a day shift of 400 kW (production back at a suspended site). */
  private static double[] productionBackOnDay21(LocalDate start, int days) {
    double[] kwh = Fixtures.flat(days, 12, 0.1, 46);
    double[] work = Fixtures.dayShift(start, days, 12, 400, 47);
    System.arraycopy(work, 21 * DAY, kwh, 21 * DAY, (days - 21) * DAY);
    return kwh;
  }

  /** The LEVEL_SHIFT episodes opened, the first raised within hours of onsetTs (by the reading fed). */
  private static List<Finding> levelShiftWithin(RecordingSink sink, long onsetTs, int hours) {
    List<Finding> opened = sink.opened(FindingKind.LEVEL_SHIFT);
    assertFalse(opened.isEmpty(), sink.findings.toString());
    assertTrue(sink.detectedAt(FindingKind.LEVEL_SHIFT) - onsetTs <= hours * 3600L, opened.get(0).toString());
    return opened;
  }

  /** Multiplies the whole load from slot onset on. */
  private static void multiplyFrom(double[] kwh, int onset, double factor) {
    for (int i = onset; i < kwh.length; i++) {
      kwh[i] *= factor;
    }
  }

  /** One episode of kind, raised by local time by, and none of the kind it must not be read as. */
  private static void foundOnceBy(RecordingSink sink, FindingKind kind, String by,
      FindingKind never) {
    List<Finding> opened = sink.opened(kind);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertTrue(opened.get(0).lastTs() <= Fixtures.ts(by), opened.get(0).toString());
    assertEquals(List.of(), sink.opened(never));
  }

  /** Adds a miner's constant kW (0.4% noise) from slot onset on. */
  private static void addMiner(double[] kwh, int onset, double kw, long seed) {
    addConstantLoad(kwh, onset, kwh.length, kw, seed);
  }

  /** kw drawn steadily (0.4 % noise) over slots [from, to): a miner's rigs, a heater left on. */
  private static void addConstantLoad(double[] kwh, int from, int to, double kw, long seed) {
    java.util.Random r = new java.util.Random(seed);
    for (int i = from; i < to; i++) {
      kwh[i] += kw / 4.0 * (1 + 0.004 * r.nextGaussian());
    }
  }

  @Test
  void flat_minerAddedSundayMorning_foundFromTheSundayAlone() {
    // A day shift starting between 07:00 and 09:00 and ending between 17:00 and 19:00: against
    // the working day's level a Sunday's hours around those times read far below it; against
    // the Sunday's own floor the 40 kW miner is there in every hour, before Monday's work begins.
    LocalDate start = LocalDate.of(2025, 8, 25);
    double[] kwh = new double[35 * DAY];
    java.util.Random r = new java.util.Random(81);
    for (int d = 0; d < 35; d++) {
      boolean working = Fixtures.CALENDAR.isWorkingDay(start.plusDays(d));
      int from = 28 + r.nextInt(9);
      int to = 68 + r.nextInt(9);
      for (int s = 0; s < DAY; s++) {
        double kw = working && s >= from && s < to ? 300 : 20;
        kwh[d * DAY + s] = kw / 4.0 * (1 + 0.05 * r.nextGaussian());
      }
    }
    addMiner(kwh, slotOf(start, "2025-09-21T06:30"), 40, 82);
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    List<Finding> opened = sink.opened(FindingKind.FLAT_CONTINUOUS);
    assertTrue(opened.size() >= 1, sink.findings.toString());
    assertTrue(opened.get(0).lastTs() <= Fixtures.ts("2025-09-22T07:00"), opened.get(0).toString());
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }

  @Test
  void flat_largeMinerOnAHolidayAtTheWorkingLevel_foundBeforeTheHolidayEnds() {
    // A 350 kW miner beside a two-shift plant's 400 kW working level: the holiday runs at the
    // night's load through the day too, which is a floor, not overtime. The plant's own night
    // is eight hours, too short a floor alone.
    LocalDate start = LocalDate.of(2025, 8, 25);
    double[] kwh = Fixtures.twoShift(start, 50, 40, 400, 0.05, 83);
    addMiner(kwh, slotOf(start, "2025-10-02T10:00"), 350, 84);
    foundOnceBy(run(new DatedContexts().set(0, FACTORY), start, kwh), FindingKind.FLAT_CONTINUOUS,
        "2025-10-03T18:00", FindingKind.LEVEL_SHIFT);
  }

  @Test
  void flat_twoShiftPlantWorksOneSaturdayAfterTheSpringFestival_staysQuiet() {
    // Saturday 2026-03-07 worked at the working level, three weeks before never: a raised floor
    // against the rest day's own level, but overtime above its night's load.
    LocalDate start = LocalDate.of(2026, 1, 5);
    double[] kwh = Fixtures.twoShift(start, 70, 40, 400, 0.05, 85);
    java.util.Random r = new java.util.Random(86);
    for (int i = slotOf(start, "2026-03-07T08:00"); i < slotOf(start, "2026-03-08T00:00"); i++) {
      kwh[i] = 400 / 4.0 * (1 + 0.05 * r.nextGaussian());
    }
    RecordingSink sink = run(new DatedContexts().set(0, FACTORY), start, kwh);
    assertEquals(List.of(), sink.opened(FindingKind.FLAT_CONTINUOUS));
  }
  @Test
  void flat_minerStartedSaturdayEveningAtAPlantThatWorksEveryDay_foundOnTheSunday() {
    // Two shifts seven days a week (08:00-24:00 at 400 kW, 40 kW at night): a weekend has no
    // working-day hours, but its busy hours are the plant's usual ones, and they carry the
    // miner's 150 kW as the night does. Before, the flat window waited for Monday.
    LocalDate start = LocalDate.of(2025, 8, 25);
    java.util.Random r = new java.util.Random(87);
    double[] kwh = new double[42 * DAY];
    for (int i = 0; i < kwh.length; i++) {
      kwh[i] = (i % DAY >= 32 ? 400 : 40) / 4.0 * (1 + 0.05 * r.nextGaussian());
    }
    addMiner(kwh, slotOf(start, "2025-09-20T20:00"), 150, 88); // a Saturday
    foundOnceBy(run(new DatedContexts().set(0, FACTORY), start, kwh), FindingKind.FLAT_CONTINUOUS,
        "2025-09-21T20:00", FindingKind.LEVEL_SHIFT);
  }
  @Test
  void flat_minerBeforeAMondayThatStartsEarly_foundThatEvening() {
    // A day shift (300 kW, 40 kW floor) that starts at 08:00, on one working day in three at
    // 07:00: the hour before eight is a shoulder of the floor, 100 kW on average. From Sunday
    // 21:00 a 80 kW miner runs, and Monday starts early: that one hour stands 190 kW above its
    // level while the floor's others stand 80 above. The miner's excess is flat all the same.
    LocalDate start = LocalDate.of(2025, 8, 25);
    java.util.Random r = new java.util.Random(89);
    double[] kwh = new double[42 * DAY];
    for (int d = 0; d < 42; d++) {
      LocalDate day = start.plusDays(d);
      boolean early = d % 3 == 0 || day.equals(LocalDate.of(2025, 9, 22));
      int from = early ? 28 : 32;
      for (int s = 0; s < DAY; s++) {
        boolean busy = Fixtures.CALENDAR.isWorkingDay(day) && s >= from && s < 72;
        kwh[d * DAY + s] = (busy ? 300 : 40) / 4.0 * (1 + 0.05 * r.nextGaussian());
      }
    }
    addMiner(kwh, slotOf(start, "2025-09-21T21:00"), 80, 90);
    foundOnceBy(run(new DatedContexts().set(0, FACTORY), start, kwh), FindingKind.FLAT_CONTINUOUS,
        "2025-09-22T21:00", FindingKind.LEVEL_SHIFT);
  }
}
