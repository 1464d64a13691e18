package org.furnacewatch.sim;

import org.furnacewatch.sim.ChineseHolidays.DayType;
import org.furnacewatch.sim.Industries.Profile;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarAndShapeTest {
    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void holidayTable_knowsStateCouncilSchedules() {
        assertEquals(DayType.HOLIDAY, ChineseHolidays.type(d("2024-02-12")));
        assertEquals(DayType.MAKEUP_WORKDAY, ChineseHolidays.type(d("2024-02-04")));
        assertEquals(DayType.MAKEUP_WORKDAY, ChineseHolidays.type(d("2024-09-29")));
        assertEquals(DayType.HOLIDAY, ChineseHolidays.type(d("2025-01-28")));
        assertEquals(DayType.MAKEUP_WORKDAY, ChineseHolidays.type(d("2025-01-26")));
        assertEquals(DayType.HOLIDAY, ChineseHolidays.type(d("2025-10-08")));
        assertEquals(DayType.MAKEUP_WORKDAY, ChineseHolidays.type(d("2025-10-11")));
        assertEquals(DayType.WORKDAY, ChineseHolidays.type(d("2025-10-09")));
        assertEquals(DayType.HOLIDAY, ChineseHolidays.type(d("2026-02-23")));
        assertEquals(DayType.MAKEUP_WORKDAY, ChineseHolidays.type(d("2026-02-28")));
        assertEquals(DayType.HOLIDAY, ChineseHolidays.type(d("2026-06-19")));
        assertEquals(DayType.WEEKEND, ChineseHolidays.type(d("2025-03-01")));
        assertEquals("春节", ChineseHolidays.festival(d("2026-02-15")));
        assertTrue(ChineseHolidays.isWorkingDay(d("2025-02-08")));
        assertEquals(0, ChineseHolidays.daysFromSpringFestival(d("2025-01-30")));
        assertEquals(3, ChineseHolidays.daysFromSpringFestival(d("2025-02-07")));
    }

    static double dailyMean(SimulatedDistrict sd, java.util.function.IntPredicate dayFilter) {
        double sum = 0;
        int n = 0;
        for (EnterpriseModel e : sd.models()) {
            if (e.profile() != Profile.DAY_SHIFT || e.injectedKind() != null || !e.statusOn(0).equals("OPERATING")
                    || e.statusChangeDay >= 0 || e.expansionDay >= 0) continue;
            for (int day = 0; day < sd.days(); day++) {
                if (!dayFilter.test(day)) continue;
                for (double v : sd.enterpriseKwh(e.creditCode(), day)) sum += v;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void holidays_reduceLoadOfDayShiftFactories() {
        // National Day / Mid-Autumn 2025: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(400, d("2025-09-15"), 35, 3)).simulate();
        double workday = dailyMean(sd, day -> ChineseHolidays.type(sd.date(day)) == DayType.WORKDAY);
        double holiday = dailyMean(sd, day -> ChineseHolidays.isHoliday(sd.date(day)));
        double makeup = dailyMean(sd, day -> ChineseHolidays.type(sd.date(day)) == DayType.MAKEUP_WORKDAY);
        double sunday = dailyMean(sd, day -> ChineseHolidays.type(sd.date(day)) == DayType.WEEKEND
                && sd.date(day).getDayOfWeek() == java.time.DayOfWeek.SUNDAY);
        assertTrue(holiday < 0.4 * workday, "holiday " + holiday + " vs workday " + workday);
        assertTrue(makeup > 0.85 * workday, "make-up day " + makeup + " vs workday " + workday);
        assertTrue(sunday < 0.5 * makeup, "Sunday " + sunday + " vs make-up Sunday " + makeup);
    }

    @Test
    void springFestival_depressesLoadAroundTheHoliday() {
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(300, d("2025-01-06"), 50, 5)).simulate();
        double far = dailyMean(sd, day -> ChineseHolidays.type(sd.date(day)) == DayType.WORKDAY
                && ChineseHolidays.daysFromSpringFestival(sd.date(day)) > 10);
        double near = dailyMean(sd, day -> ChineseHolidays.type(sd.date(day)) == DayType.WORKDAY
                && ChineseHolidays.daysFromSpringFestival(sd.date(day)) <= 4);
        double festival = dailyMean(sd, day -> "春节".equals(ChineseHolidays.festival(sd.date(day))) && ChineseHolidays.isHoliday(sd.date(day)));
        assertTrue(near < 0.85 * far, near + " vs " + far);
        assertTrue(festival < 0.4 * far, festival + " vs " + far);
    }

    @Test
    void steelShape_resourceHoldsTheRealYear() {
        SteelPlantShape s = SteelPlantShape.get();
        assertEquals(35040, s.size());
        assertEquals(3.17, s.kwh(0), 1e-6);       // 01/01/2018 00:15
        assertEquals(3.42, s.kwh(95), 1e-6);      // the row stamped 01/01/2018 00:00 closes Jan 1
        assertEquals(3.67, s.kwh(35039), 1e-6);   // the row stamped 31/12/2018 00:00 = 2019-01-01 00:00
        assertEquals(157.18, s.max(), 1e-4);
        assertEquals(0, SteelPlantShape.sourceDay(d("2018-01-01"), 0));
        assertEquals(d("2025-01-13").getDayOfWeek(), SteelPlantShape.FIRST_DAY.plusDays(SteelPlantShape.sourceDay(d("2025-01-13"), 5)).getDayOfWeek());
    }

    @Test
    void steelPlants_followTheRealShape() {
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(800, d("2025-03-03"), 7, 9)).simulate();
        int plants = 0;
        for (EnterpriseModel e : sd.models()) {
            if (e.profile() != Profile.STEEL_PLANT || e.injectedKind() != null && !e.injectedKind().equals("INTENSITY_MISMATCH")
                    || !e.statusOn(0).equals("OPERATING") || e.statusChangeDay >= 0 || e.expansionDay >= 0) continue;
            plants++;
            for (int day = 0; day < sd.days(); day++) {
                double[] sim = sd.enterpriseKwh(e.creditCode(), day);
                double[] real = SteelPlantShape.get().day(SteelPlantShape.sourceDay(sd.date(day), e.steelWeekOffset()));
                assertTrue(correlation(sim, real) > 0.9, "correlation " + correlation(sim, real));
                double peak = 0;
                for (double v : sim) peak = Math.max(peak, v);
                assertTrue(peak <= e.capacityOn(day) * 0.25);
            }
        }
        assertTrue(plants >= 3, "plants " + plants);
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
