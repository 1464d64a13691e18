package org.furnacewatch.detect;

import static org.furnacewatch.detect.Fixtures.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.furnacewatch.detect.Fixtures.DatedContexts;
import org.furnacewatch.detect.Fixtures.RecordingSink;
import org.junit.jupiter.api.Test;

class FurnaceSignatureTest {
  static final LocalDate START = LocalDate.of(2025, 10, 13);
  static final EnterpriseContext WAREHOUSE = EnterpriseContext.operating("5920", "500102", 1000);
  static final EnterpriseContext FOUNDRY = EnterpriseContext.operating("3391", "500102", 1000)
      .withFurnaces(600, 0);

  /** Three weeks of a light day-shift warehouse, furnace melting at night from day 15 on. */
  static double[] warehouseWithNightMelting() {
    double[] kwh = Fixtures.dayShift(START, 21, 10, 60, 11);
    Fixtures.addFurnace(kwh, 15, 21, 88, 96, 520, 12); // 22:00-24:00
    Fixtures.addFurnace(kwh, 16, 21, 0, 24, 520, 13); // 00:00-06:00
    return kwh;
  }

  @Test
  void furnace_warehouseMeltingAtNight_firesWithin24Hours() {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, WAREHOUSE), sink);
    long first = Fixtures.firstSlotEnd(START);
    Fixtures.feed(engine, sink, 0, 0, first, warehouseWithNightMelting());

    List<Finding> opened = sink.opened(FindingKind.FURNACE_SIGNATURE);
    assertEquals(1, opened.size(), sink.findings.toString());
    long onset = first + 900L * (15 * DAY + 88);
    Finding f = opened.get(0);
    assertTrue(f.firstTs() >= onset && f.firstTs() < onset + 86_400, "firstTs " + f.firstTs());
    assertTrue(sink.detectedAt(FindingKind.FURNACE_SIGNATURE) - onset <= 86_400);
    assertTrue(f.features().get("cycles") >= 3);
    assertTrue(f.features().get("plateauKw") > 400);
    assertTrue(f.explanation().contains("中频炉"), f.explanation());
    // Nothing fired before the furnace appeared.
    assertTrue(sink.findings.stream().allMatch(x -> x.lastTs() >= onset), sink.findings.toString());
  }

  @Test
  void furnace_licensedFoundryRunningItsFurnace_isNotAlert() {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, FOUNDRY), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), warehouseWithNightMelting());
    assertEquals(0, sink.of(FindingKind.FURNACE_SIGNATURE).size(), sink.findings.toString());
  }

  @Test
  void furnace_foundryBeyondItsLicence_fires() {
    // Licensed 200 kW, melting at 520 kW: the licence does not cover it.
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(
        new DatedContexts().set(0, FOUNDRY.withFurnaces(200, 0)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), warehouseWithNightMelting());
    assertEquals(1, sink.opened(FindingKind.FURNACE_SIGNATURE).size());
  }

  @Test
  void furnace_secondFurnaceAtNightBesideALicensedOneMeltingEveryDay_firesWithin36Hours() {
    // The licensed furnace melts every working day 08:00-17:00, hour-long heats at 420 kW with
    // 15-minute taps at half that: it is the day's baseline, and above the baseline its heats
    // are too shallow to screen, yet they are cycling the site has shown. From day 22 a second,
    // unlicensed furnace melts from 20:30 into the night.
    EnterpriseContext foundry = EnterpriseContext.operating("3391", "500102", 630)
        .withFurnaces(350, 0);
    double[] kwh = Fixtures.dayShift(START, 28, 14, 14, 21);
    java.util.Random r = new java.util.Random(22);
    for (int d = 0; d < 28; d++) {
      if (Fixtures.CALENDAR.isWorkingDay(START.plusDays(d))) {
        for (int s = 32; s < 68; s++) {
          double kw = (s - 32) % 5 == 4 ? 200 : 420;
          kwh[d * DAY + s] = kw / 4 * (1 + 0.03 * r.nextGaussian());
        }
      }
    }
    Fixtures.addFurnace(kwh, 22, 28, 82, 96, 270, 60); // 20:30-24:00
    Fixtures.addFurnace(kwh, 23, 28, 0, 16, 270, 61); // 00:00-04:00
    RecordingSink sink = furnaceFoundWithin(foundry, kwh, 22 * DAY + 82, 36);
    long onset = Fixtures.firstSlotEnd(START) + 900L * (22 * DAY + 82);
    assertTrue(sink.findings.stream().allMatch(x -> x.lastTs() >= onset), sink.findings.toString());
  }

  @Test
  void furnace_nightRunBegunUnderATwoShiftPlantsEveningShift_firesOnItsFirstNight() {
    // A two-shift plant (08:00-24:00 at 1000 kW, 160 kW at night, 15% noise) that never cycled:
    // a 1000 kW furnace melts from 21:00 to 02:00, so only two of its hours are quiet ones.
    EnterpriseContext plant = EnterpriseContext.operating("3670", "500102", 2500);
    double[] kwh = Fixtures.twoShift(START, 28, 160, 1000, 0.15, 31);
    Fixtures.addFurnace(kwh, 22, 28, 84, 96, 1000, 32);
    Fixtures.addFurnace(kwh, 23, 28, 0, 8, 1000, 33);
    furnaceFoundWithin(plant, kwh, 22 * DAY + 84, 12);
  }

  /** Feeds kwh from START: one FURNACE_SIGNATURE, raised within hours of the slot onset. */
  private static RecordingSink furnaceFoundWithin(EnterpriseContext c, double[] kwh, int onset,
      int hours) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, c), sink);
    long first = Fixtures.firstSlotEnd(START);
    Fixtures.feed(engine, sink, 0, 0, first, kwh);
    List<Finding> opened = sink.opened(FindingKind.FURNACE_SIGNATURE);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertTrue(sink.detectedAt(FindingKind.FURNACE_SIGNATURE) - (first + 900L * onset)
        <= hours * 3600L, opened.get(0).toString());
    return sink;
  }

  @Test
  void furnace_startedOnASaturdayInTheWorkingHoursOfADayShiftPlant_firesThatDay() {
    // A day-shift plant (300 kW 08:00-18:00 on working days, its machines swinging it by a
    // quarter slot to slot; 30 kW otherwise). From Saturday 2025-11-08 a 250 kW furnace melts
    // 09:00-17:00 every day. Against the working day's level those hours are busy, never quiet,
    // and its swing is no larger than the plant's own; the plant rests on Saturdays, and
    // against the rest day's own level its heats stand out at once.
    LocalDate start = LocalDate.of(2025, 10, 13);
    double[] kwh = dayShiftPlant(start, 41, 0.25,
        day -> Fixtures.CALENDAR.isWorkingDay(day) ? 300 : 0);
    Fixtures.addFurnace(kwh, 26, 35, 36, 68, 250, 42);
    furnaceOpenedOnSaturday20251108(start, kwh); // not the plant's own, and that day
  }

  @Test
  void furnace_startedOnASaturdayThePlantRests_firesThatDay() {
    // A day-shift plant (300 kW 08:00-18:00 on working days, 30 kW otherwise) that works its
    // Saturdays too, at 600 kW, for three weeks; Sundays it rests. Its rest days' learned level
    // in the working hours is then a mix of the two, far above 30 kW. On Saturday 2025-11-08 it
    // rests, and a 400 kW furnace melts 09:00-17:00 from that day on: its heats barely above the
    // rest days' level, so above it nothing shows until Monday. Its taps fall to the plant's
    // floor, which a plant at work never does: that day is read on its raw load.
    LocalDate start = LocalDate.of(2025, 10, 13);
    LocalDate restedSaturday = LocalDate.of(2025, 11, 8);
    double[] kwh = dayShiftPlant(start, 43, 0.05,
        day -> day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY && day.isBefore(restedSaturday)
            ? 600 : Fixtures.CALENDAR.isWorkingDay(day) ? 300 : 0);
    Fixtures.addFurnace(kwh, 26, 35, 36, 68, 400, 44);
    Finding f = furnaceOpenedOnSaturday20251108(start, kwh); // the Saturday itself
    assertTrue(f.features().get("heatKw") > 300, f.toString());
  }

  /**
   * Feeds the load as a warehouse's: the first FURNACE_SIGNATURE opened has its evidence within
   * 2025-11-08 09:00-18:00. The furnace melts every day after, in the plant's working hours on
   * working days (learned there as its own once that first episode lapses); a later one may open
   * only on a Saturday, the furnace again on the resting site, never on the plant's working days.
   */
  private static Finding furnaceOpenedOnSaturday20251108(LocalDate start, double[] kwh) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, WAREHOUSE), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(start), kwh);
    List<Finding> opened = sink.opened(FindingKind.FURNACE_SIGNATURE);
    assertFalse(opened.isEmpty(), sink.findings.toString());
    Finding f = opened.get(0);
    assertTrue(f.firstTs() >= Fixtures.ts("2025-11-08T09:00"), f.toString());
    assertTrue(f.lastTs() <= Fixtures.ts("2025-11-08T18:00"), f.toString());
    for (Finding later : opened.subList(1, opened.size())) {
      LocalDate day = java.time.Instant.ofEpochSecond(later.firstTs())
          .atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
      assertEquals(java.time.DayOfWeek.SATURDAY, day.getDayOfWeek(), later.toString());
    }
    return f;
  }

  @Test
  void furnace_newAccountMeltingFromItsFirstNight_firesThatNight() {
    // The watch runs from START (another enterprise reports from then on). On day 10 at 10:00 a
    // new account opens in a warehouse and melts from 19:00 that evening: it has no cycling of
    // its own to be new against, and its first day is not even learned before the heats.
    double[] kwh = Fixtures.dayShift(START, 14, 15, 60, 11);
    Arrays.fill(kwh, 0, 10 * DAY + 40, Double.NaN);
    Fixtures.addFurnace(kwh, 10, 14, 76, 96, 550, 12);
    RecordingSink sink = feedBesideAnEnterpriseWatchedFromTheStart(WAREHOUSE, kwh);
    List<Finding> opened = sink.opened(FindingKind.FURNACE_SIGNATURE);
    assertEquals(1, opened.size(), sink.findings.toString());
    long onset = Fixtures.firstSlotEnd(START) + 900L * (10 * DAY + 76);
    assertTrue(sink.detectedAt(FindingKind.FURNACE_SIGNATURE) - onset <= 8 * 3600, opened.get(0).toString());
    assertEquals(1.0, opened.get(0).features().get("newSite"));
    assertTrue(opened.get(0).explanation().contains("新户号"), opened.get(0).explanation());
  }

  @Test
  void furnace_newAccountMeltingInItsWorkingHoursFromItsFirstDay_firesThatDay() {
    // A new account opens on Thursday of the second week (day 10) at a welding shop: 500 kW of
    // machines swinging a twentieth slot to slot from 08:00 to 18:00, through lunch. A 250 kW
    // furnace melts 09:00-17:00 from its first day. In the raw load its taps fall to the plant's
    // level, never to the night's, so the day reads as one long run; nothing is learned to
    // subtract. Above the plant's own level, read around each reading, the heats stand out.
    double[] kwh = noisyDayShift(14, 11, 500);
    Arrays.fill(kwh, 0, 10 * DAY, Double.NaN);
    Fixtures.addFurnace(kwh, 10, 14, 36, 68, 250, 12);
    RecordingSink sink = feedBesideAnEnterpriseWatchedFromTheStart(
        EnterpriseContext.operating("3311", "500102", 1250), kwh);
    List<Finding> opened = sink.opened(FindingKind.FURNACE_SIGNATURE);
    assertEquals(1, opened.size(), sink.findings.toString());
    assertTrue(opened.get(0).firstTs() < Fixtures.ts("2025-10-23T18:00"), opened.get(0).toString());
    assertTrue(sink.detectedAt(FindingKind.FURNACE_SIGNATURE) <= Fixtures.ts("2025-10-23T18:00"),
        opened.get(0).toString());
    assertEquals(1.0, opened.get(0).features().get("newSite"));
  }

  @Test
  void furnace_newAccountOfANoisyDayShiftPlant_staysQuiet() {
    // A welding shop like it without a furnace, resting over lunch: its machines' swings, the
    // morning start, lunch and the evening stop must not read as heats above its own level.
    for (long seed = 11; seed < 16; seed++) {
      double[] kwh = noisyDayShift(20, seed, 300);
      Arrays.fill(kwh, 0, 10 * DAY, Double.NaN);
      RecordingSink sink = feedBesideAnEnterpriseWatchedFromTheStart(
          EnterpriseContext.operating("3311", "500102", 1250), kwh);
      assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), "seed " + seed);
    }
  }

  /** 500 kW 08:00-18:00 on working days (lunchKw 12:00-13:00), swinging a twentieth slot to slot; 40 kW otherwise. */
  private static double[] noisyDayShift(int days, long seed, double lunchKw) {
    java.util.Random r = new java.util.Random(seed);
    double[] kwh = new double[days * DAY];
    for (int d = 0; d < days; d++) {
      boolean working = Fixtures.CALENDAR.isWorkingDay(START.plusDays(d));
      for (int s = 0; s < DAY; s++) {
        double kw = !working || s < 32 || s >= 72 ? 40 * (1 + 0.05 * r.nextGaussian())
            : (s >= 48 && s < 52 ? lunchKw : 500) * (1 + 0.05 * r.nextGaussian());
        kwh[d * DAY + s] = Math.max(0, kw) / 4;
      }
    }
    return kwh;
  }

  @Test
  void furnace_newAccountWhoseCompressorsCycleRoundTheClock_staysQuiet() {
    // A new food plant (not a cold store by its code) whose refrigeration cycles 30 minutes on,
    // 15 off, day and night from its first reading: it never began a run on a quiet site.
    double[] kwh = compressors(24, false);
    Arrays.fill(kwh, 0, 10 * DAY, Double.NaN);
    RecordingSink sink = feedBesideAnEnterpriseWatchedFromTheStart(
        EnterpriseContext.operating("1353", "500102", 1000), kwh);
    assertEquals(List.of(), sink.findings);
  }

  @Test
  void furnace_historySentLaterForAnotherAccount_doesNotMakeAKnownAccountNew() {
    // The watch starts on day 10 with two accounts: a food plant whose compressors cycle 30
    // minutes on, 15 off through its working hours only, and a flat load. On day 12 a third
    // account's readings arrive from day 0 on (history sent late). The food plant was known from
    // the watch's start: it must not become a new account, judged without its own history.
    EnterpriseContext food = EnterpriseContext.operating("1353", "500102", 1000);
    int days = 20;
    double[] plant = compressors(days, true);
    double[] flat = Fixtures.flat(days, 100, 0.03, 5);
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, food)
        .set(1, EnterpriseContext.operating("2614", "500102", 400))
        .set(2, EnterpriseContext.operating("2614", "500102", 400)), sink);
    long first = Fixtures.firstSlotEnd(START);
    for (int i = 10 * DAY; i < days * DAY; i++) {
      long t = first + 900L * i;
      sink.currentTs = t;
      engine.onReading(0, 0, t, plant[i]);
      engine.onReading(1, 1, t, flat[i]);
      if (i == 12 * DAY) {
        for (int k = 0; k <= i; k++) {
          engine.onReading(2, 2, first + 900L * k, flat[k]);
        }
      }
    }
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE));
  }

  /**
   * 80 kW plus 300 kW of compressors cycling 30 minutes on, 15 off from START: round the clock, or
   * in working hours (08:00-18:00 of working days) only.
   */
  private static double[] compressors(int days, boolean workingHoursOnly) {
    double[] kwh = new double[days * DAY];
    for (int m = 0; m < days * 1440; m++) {
      int minuteOfDay = m % 1440;
      boolean working = !workingHoursOnly || Fixtures.CALENDAR.isWorkingDay(START.plusDays(m / 1440))
          && minuteOfDay >= 8 * 60 && minuteOfDay < 18 * 60;
      kwh[m / 15] += (80 + (working && m % 45 < 30 ? 300 : 0)) / 60.0;
    }
    return kwh;
  }

  /** Enterprise 0 (NaN: no reading yet) fed slot by slot beside enterprise 1, a flat 100 kW. */
  private static RecordingSink feedBesideAnEnterpriseWatchedFromTheStart(EnterpriseContext c,
      double[] kwh) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0, c)
        .set(1, EnterpriseContext.operating("2614", "500102", 400)), sink);
    double[] other = Fixtures.flat(kwh.length / DAY, 100, 0.03, 5);
    long first = Fixtures.firstSlotEnd(START);
    for (int i = 0; i < kwh.length; i++) {
      long t = first + 900L * i;
      sink.currentTs = t;
      engine.onReading(1, 1, t, other[i]);
      if (!Double.isNaN(kwh[i])) {
        engine.onReading(0, 0, t, kwh[i]);
      }
    }
    return sink;
  }

  @Test
  void furnace_approvedFurnaceFromDate_coversLaterHeats() {
    // The registry records a licensed furnace effective before the melting began.
    long approval = Fixtures.firstSlotEnd(START.plusDays(10));
    DatedContexts ctx = new DatedContexts().set(0, WAREHOUSE)
        .set(0, approval, EnterpriseContext.operating("3391", "500102", 1000).withFurnaces(600, 0));
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(ctx, sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), warehouseWithNightMelting());
    assertEquals(0, sink.of(FindingKind.FURNACE_SIGNATURE).size(), sink.findings.toString());
  }

  @Test
  void furnace_dayShiftAndTwoShiftFactories_stayQuiet() {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(
        new DatedContexts().set(0, WAREHOUSE).set(1, EnterpriseContext.operating("3311", "500102", 1000)),
        sink);
    long first = Fixtures.firstSlotEnd(START);
    double[] a = Fixtures.dayShift(START, 40, 30, 600, 21);
    double[] b = Fixtures.dayShift(START, 40, 300, 700, 22); // second shift keeps 300 kW overnight
    for (int i = 0; i < a.length; i++) {
      engine.onReading(0, 0, first + 900L * i, a[i]);
      engine.onReading(1, 1, first + 900L * i, b[i]);
    }
    assertEquals(0, sink.findings.size(), sink.findings.toString());
  }

  @Test
  void furnace_legalSteelPlantFullYear_staysQuiet() {
    // Real 2018 load of a steel plant (DAEWOO Steel, UCI dataset 851, CC BY 4.0), judged as a
    // registered steel rolling mill with the shipped profile.
    double[] kwh = Fixtures.steelPlant2018();
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(
        new DatedContexts().set(0, EnterpriseContext.operating("3130", "500102", 800)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.ts("2018-01-01T00:15"), kwh);
    assertEquals(35_040, engine.acceptedReadings());
    assertEquals(List.of(), sink.findings);
  }

  @Test
  void furnace_addedToLegalSteelPlant_isALevelShiftWithinADay() {
    // The same real load; from 2018-07-03 (a Tuesday) a 250 kW induction furnace melts every day
    // from 03:00 to 23:00, through the plant's working hours and its quiet night and lunch hour.
    RecordingSink sink = millWithAFurnaceFromJuly3(12, 92, 250, 31);
    Finding first = levelShiftWithin(sink, "2018-07-03T03:00", 36);
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE), "legal steel: the rise is the finding");
    assertTrue(first.explanation().contains("中频炉"), first.explanation());
  }

  @Test
  void furnace_addedToLegalSteelPlantThatWorksSomeNights_isALevelShiftTheFirstNight() {
    // The same real load, but the mill keeps 200 kW running from midnight to 06:00 every Monday,
    // Wednesday and Friday: the usual level of those hours (mean plus two sigmas) is far above
    // their quiet floor. From 2018-07-03 (a Tuesday) a 600 kW induction furnace melts from
    // midnight to 08:00 every day, on top of the mill's night work when there is any.
    double[] kwh = Fixtures.steelPlant2018();
    int day = dayOf2018(LocalDate.of(2018, 7, 3));
    addNightWork(kwh, kwh.length / DAY, Set.of(1, 3, 5), 24, 200, 0.02);
    Fixtures.addFurnace(kwh, day, day + 10, 0, 32, 600, 37);
    RecordingSink sink = legalSteelMill(Arrays.copyOf(kwh, (day + 10) * DAY));
    Finding first = levelShiftWithin(sink, "2018-07-03T00:00", 12);
    assertTrue(first.features().get("flatHeats") >= 2, first.toString());
    assertTrue(first.explanation().contains("功率保持平稳"), first.explanation());
  }

  @Test
  void furnace_addedToLegalSteelPlantThatWorksItsWeekendNights_isALevelShiftTheFirstMorning() {
    // The same real load, but the mill melts from midnight to 08:00 every Saturday and Sunday
    // (800 kW, cheap valley power): its rest days' nights are busy, so their usual level is far
    // above a furnace's heats. The weekend before 2018-07-03 (a Tuesday) it did not; from that
    // Tuesday a 500 kW induction furnace melts from 02:00 to 08:00 every day, before the mill's
    // working hours, and the mill's own nights on the two days before were idle.
    double[] kwh = Fixtures.steelPlant2018();
    int day = dayOf2018(LocalDate.of(2018, 7, 3));
    addNightWork(kwh, day - 3, Set.of(6, 7), 32, 800, 0.05);
    Fixtures.addFurnace(kwh, day, day + 10, 8, 32, 500, 43);
    RecordingSink sink = legalSteelMill(Arrays.copyOf(kwh, (day + 10) * DAY));
    levelShiftWithin(sink, "2018-07-03T02:00", 12);
  }

  @Test
  void furnace_addedToLegalSteelPlantFourHoursBeforeItsDay_isALevelShiftTheFirstMorning() {
    // The same real load; from 2018-07-03 (a Tuesday) a 300 kW induction furnace melts every day
    // from 04:00 to 23:00: four quiet hours before the mill's day, then through its working hours
    // and its evening, which the mill sometimes works. The first morning is one spell of four
    // hours; waiting for a second spell waits for the next morning.
    levelShiftWithin(millWithAFurnaceFromJuly3(16, 92, 300, 53), "2018-07-03T04:00", 12);
  }

  @Test
  void furnace_addedToLegalSteelPlantForThreeHeatsBeforeItsDay_isALevelShiftTheFirstMorning() {
    // The same real load; from 2018-07-03 (a Tuesday) a 300 kW induction furnace melts three or
    // four heats from 04:00 to 08:00 every day, then stops for the mill's day. Above the mill's day
    // (its baseline) the run's last heat has no next heat to close its cycle.
    levelShiftWithin(millWithAFurnaceFromJuly3(16, 32, 300, 61), "2018-07-03T04:00", 12);
  }

  @Test
  void furnace_legalSteelworksMeltingFromLateEveningPastMidnightOnce_staysQuiet() {
    // A registered rolling mill as the district simulator drew it (a resource, its load on the
    // real steel shape): on 2026-07-31, after a heavy day, it melts flat-topped heats from 23:00
    // to 02:00 above its night load, four quiet hours in one spell, then rests. Its own late
    // work: a furnace it did not have runs again, or begins after midnight before its day.
    double[] kwh = Fixtures.resourceKwh("/detect/steelworks-own-late-melt-15min-kwh.txt");
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(
        new DatedContexts().set(0, EnterpriseContext.operating("3130", "500102", 3150)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.ts("2026-07-13T01:00"), kwh);
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }

  /**
   * The real mill of 2018 with a furnace melting from 2018-07-03 (a Tuesday) for ten days, heats
   * of the given kW in the given slots of each day ({@link Fixtures#addFurnace}), fed to the end of
   * them.
   */
  private static RecordingSink millWithAFurnaceFromJuly3(int fromSlot, int toSlot, double kw,
      long seed) {
    double[] kwh = Fixtures.steelPlant2018();
    int day = dayOf2018(LocalDate.of(2018, 7, 3));
    Fixtures.addFurnace(kwh, day, day + 10, fromSlot, toSlot, kw, seed);
    return legalSteelMill(Arrays.copyOf(kwh, (day + 10) * DAY));
  }

  private static int dayOf2018(LocalDate date) {
    return (int) (date.toEpochDay() - LocalDate.of(2018, 1, 1).toEpochDay());
  }

  /**
   * Adds kw from midnight for the first slots of each day before untilDay whose weekday (1
   * Monday .. 7 Sunday) is listed: a mill's own night work, wobbling by the given share.
   */
  private static void addNightWork(double[] kwh, int untilDay, Set<Integer> weekdays, int slots,
      double kw, double wobble) {
    for (int d = 0; d < untilDay; d++) {
      if (weekdays.contains(LocalDate.of(2018, 1, 1).plusDays(d).getDayOfWeek().getValue())) {
        for (int k = 0; k < slots; k++) {
          kwh[d * DAY + k] += kw / 4.0 * (1 + wobble * Math.sin(d + k));
        }
      }
    }
  }

  /** The first LEVEL_SHIFT opened, asserted to lie within the given hours from onset. */
  private static Finding levelShiftWithin(RecordingSink sink, String onset, int hours) {
    List<Finding> opened = sink.opened(FindingKind.LEVEL_SHIFT);
    assertFalse(opened.isEmpty(), sink.findings.toString());
    long from = Fixtures.ts(onset);
    Finding first = opened.get(0);
    assertTrue(first.firstTs() >= from && first.lastTs() <= from + hours * 3600L, first.toString());
    Fixtures.assertSane(first);
    return first;
  }

  /** Feeds a registered steel rolling mill (3130, 800 kVA, shipped profiles) from 2018-01-01. */
  private static RecordingSink legalSteelMill(double[] kwh) {
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(
        new DatedContexts().set(0, EnterpriseContext.operating("3130", "500102", 800)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.ts("2018-01-01T00:15"), kwh);
    return sink;
  }

  @Test
  void furnace_legalSteelPlantMeltingThroughItsRaisedNights_staysQuiet() {
    // The same real load; from the evening of 2018-07-01 the works keeps 300 kW of its own
    // machines running through its evenings and nights (a rush order), and from 2018-07-03 its own
    // melting shop runs flat-topped 500 kW heats from 02:00 to 08:00, hours it usually rests. None
    // of its usually idle hours rested in the day and a half before; a mill with a furnace added
    // leaves them idle around the furnace's runs.
    double[] kwh = Fixtures.steelPlant2018();
    int day = dayOf2018(LocalDate.of(2018, 7, 3));
    for (int d = day - 2; d < day + 4; d++) {
      for (int k = 0; k < 48; k++) {
        kwh[d * DAY + 80 + k] += 300 / 4.0 * (1 + 0.05 * Math.sin(k)); // 20:00-08:00
      }
    }
    Fixtures.addFurnace(kwh, day, day + 4, 8, 32, 500, 47);
    RecordingSink sink = legalSteelMill(Arrays.copyOf(kwh, (day + 10) * DAY));
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }

  @Test
  void furnace_legalSteelPlantWorkingRoundTheClockForThreeDays_staysQuiet() {
    // The same real load; from 2018-07-03 20:00 the plant works round the clock for three days
    // (a campaign): its own arc-furnace and mill swings of the working hours run on through its
    // quiet evenings and nights. Its own load, not a furnace it did not have.
    double[] kwh = Fixtures.steelPlant2018();
    int day = dayOf2018(LocalDate.of(2018, 7, 3));
    for (int d = day; d < day + 3; d++) {
      for (int k = 0; k < 48; k++) {
        kwh[d * DAY + 80 + k] = kwh[d * DAY + 32 + k]; // 20:00-08:00 as 08:00-20:00
      }
    }
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engineWithShippedProfiles(
        new DatedContexts().set(0, EnterpriseContext.operating("3130", "500102", 800)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.ts("2018-01-01T00:15"), Arrays.copyOf(kwh, (day + 10) * DAY));
    assertEquals(List.of(), sink.opened(FindingKind.LEVEL_SHIFT));
  }

  @Test
  void furnace_coldStoreUnderARectificationOrderFromTheStart_staysQuiet() {
    // Registered under a rectification order (限期整改) when the watch begins: no level is judged
    // there, but its compressors are still learned as the cycling it always had.
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(new DatedContexts().set(0,
        EnterpriseContext.operating("5930", "500102", 630).withStatus(EnterpriseStatus.RECTIFYING, Long.MIN_VALUE)), sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), coldStoreRoundTheClock(40, 11));
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE));
  }

  @Test
  void furnace_coldStoreGivenARectificationOrderAndANewMeter_staysQuiet() {
    long order = Fixtures.firstSlotEnd(START.plusDays(15)) + 10 * 3600;
    long meter = Fixtures.firstSlotEnd(START.plusDays(22)) + 14 * 3600;
    EnterpriseContext store = EnterpriseContext.operating("5930", "500102", 630);
    DatedContexts ctx = new DatedContexts().set(0, store)
        .set(0, order, store.withStatus(EnterpriseStatus.RECTIFYING, order))
        .set(0, meter, store.withStatus(EnterpriseStatus.RECTIFYING, order).withLastMeterChange(meter));
    RecordingSink sink = new RecordingSink();
    DetectionEngine engine = Fixtures.engine(ctx, sink);
    Fixtures.feed(engine, sink, 0, 0, Fixtures.firstSlotEnd(START), coldStoreRoundTheClock(36, 11));
    assertEquals(List.of(), sink.opened(FindingKind.FURNACE_SIGNATURE));
  }

  /**
   * Compressors round the clock, a cycle of 46 minutes (31 on at 250 kW, 15 off over a 60 kW
   * floor) drifting across the 15-minute slots, a tenth more load while the doors are open
   * (07:00-18:00), and on 20-40 / off 10-25 minutes for a quarter of the cycles.
   */
  private static double[] coldStoreRoundTheClock(int days, long seed) {
    java.util.Random r = new java.util.Random(seed);
    double[] kwh = new double[days * DAY];
    for (int m = 0; m < days * 1440; ) {
      boolean irregular = r.nextInt(4) == 0;
      int on = irregular ? 20 + r.nextInt(21) : 31;
      int off = irregular ? 10 + r.nextInt(16) : 15;
      for (int k = 0; k < on + off && m < days * 1440; k++, m++) {
        int minuteOfDay = m % 1440;
        double doors = minuteOfDay >= 7 * 60 && minuteOfDay < 18 * 60 ? 1.1 : 1.0;
        kwh[m / 15] += (60 + (k < on ? 250 * doors : 0)) / 60.0;
      }
    }
    return kwh;
  }

  @Test
  void quietSpells_areRunsOfHoursWrappingMidnight() {
    assertEquals(0, FurnaceRule.spells(0));
    assertEquals(1, FurnaceRule.spells(0b111 << 21 | 0b11)); // 21:00-02:00, one night
    assertEquals(2, FurnaceRule.spells(0b1110000 | 1 << 12)); // 04:00-07:00 and the lunch hour
    assertEquals(1, FurnaceRule.spells(0xFFFFFF));
  }

  /**
   * 35 days from start of a plant at workKw(day) from 08:00 to 18:00 (0: it rests that day),
   * its machines swinging it by busyNoise slot to slot, and 30 kW otherwise.
   */
  static double[] dayShiftPlant(LocalDate start, long seed, double busyNoise,
      java.util.function.Function<LocalDate, Integer> workKw) {
    java.util.Random r = new java.util.Random(seed);
    double[] kwh = new double[35 * DAY];
    for (int d = 0; d < 35; d++) {
      int kw = workKw.apply(start.plusDays(d));
      for (int s = 0; s < DAY; s++) {
        boolean busy = kw > 0 && s >= 32 && s < 72;
        double noise = r.nextGaussian();
        kwh[d * DAY + s] = busy ? kw / 4.0 * (1 + busyNoise * noise) : 30 / 4.0 * (1 + 0.05 * noise);
      }
    }
    return kwh;
  }
}
