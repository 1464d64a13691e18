package org.furnacewatch.sim;

import org.furnacewatch.sim.Industries.Industry;
import org.furnacewatch.sim.Industries.Profile;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hidden parameters of one simulated enterprise and the deterministic function from (enterprise, day) to its
 * intended load. Everything random is drawn from generators seeded by (seed, enterprise, day), so any day of any
 * enterprise can be recomputed independently.
 */
public final class EnterpriseModel {
    final int index;
    final String creditCode;
    final Industry industry;
    final long seed;
    Profile profile;

    // registry
    String name;
    String initialStatus;
    int capacityKva;
    final List<EnterpriseRecord.Equipment> equipment = new ArrayList<>();

    // load parameters
    double peakKw;
    double baseFrac;
    double noise;
    double saturdayWork;
    double sundayWork;
    double startHour;
    double endHour;
    int weekOffset;
    double standbyKw;
    double licensedFurnaceKw;
    Segments legalHeats;
    /** Legal cycling equipment (refrigeration compressors, water pumps): minutes on, off, and kW. */
    int cycleOnMin;
    int cycleOffMin;
    double cycleKw;
    /** Night work window of an injected NIGHT_LOAD (local hours). */
    double nightFrom = 22;
    double nightTo = 6;

    /** Day a suspended site resumes production without a dated reopening (-1: never). */
    int resumeDay = -1;
    /** Day the account opened: no readings before it (0: drawing power before the period began). */
    int firstDay;

    // dated registry changes (day index, -1 = none)
    int statusChangeDay = -1;
    String statusAfter;
    int expansionDay = -1;
    int capacityAfter;
    double loadFactorAfter = 1;

    // injected positive (at most one per enterprise)
    String injectedKind;
    Segments anomalySegments;
    long shiftFromInterval = Long.MAX_VALUE; // absolute interval index
    double shiftFactor = 1;
    long flatFromInterval = Long.MAX_VALUE;
    double flatKw;
    int nightFromDay = Integer.MAX_VALUE;
    boolean peerOutlier;
    final List<FurnaceHeat> heats = new ArrayList<>();
    double illegalFurnaceKw;
    String detail;

    final List<MeterModel> meters = new ArrayList<>();

    EnterpriseModel(int index, String creditCode, Industry industry, long seed) {
        this.index = index;
        this.creditCode = creditCode;
        this.industry = industry;
        this.profile = industry.profile();
        this.seed = seed;
    }

    public String creditCode() {
        return creditCode;
    }

    public Industry industry() {
        return industry;
    }

    public Profile profile() {
        return profile;
    }

    /** The injected kind, or null for an enterprise without a positive. */
    public String injectedKind() {
        return injectedKind;
    }

    /** The week offset into the steel shape (meaningful for STEEL_PLANT). */
    public int steelWeekOffset() {
        return weekOffset;
    }

    /** Injected furnace heats (FURNACE_SIGNATURE, and RESURGENCE when the reopened site melts). */
    public List<FurnaceHeat> heats() {
        return List.copyOf(heats);
    }

    /** Rated kW of the injected unlicensed furnace (FURNACE_SIGNATURE), else 0. */
    public double illegalFurnaceKw() {
        return illegalFurnaceKw;
    }

    /** Normal operating peak (kW). */
    public double peakKw() {
        return peakKw;
    }

    public String statusOn(int day) {
        return statusChangeDay >= 0 && day >= statusChangeDay ? statusAfter : initialStatus;
    }

    public int capacityOn(int day) {
        return expansionDay >= 0 && day >= expansionDay ? capacityAfter : capacityKva;
    }

    static boolean isStopped(String status) {
        return status.equals("CLOSED") || status.equals("SEALED") || status.equals("BANNED") || status.equals("SUSPENDED");
    }

    /** Per-meter model: share of the load, register or interval energy, replacement. */
    static final class MeterModel {
        final String id;
        final int multiplier;
        final boolean register;
        double share;
        final double register0;
        int replaceDay = -1;
        int replaceInterval;
        String replaceKind; // REGISTER_RESET or NEW_ID
        String newId;

        MeterModel(String id, int multiplier, boolean register, double share, double register0) {
            this.id = id;
            this.multiplier = multiplier;
            this.register = register;
            this.share = share;
            this.register0 = register0;
        }
    }

    static long mix(long seed, long a, long b, long salt) {
        long z = seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL) ^ (salt * 0x165667B19E3779F9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Calendar facts of one simulated day, computed once per day. */
    record DayInfo(int day, LocalDate date, ChineseHolidays.DayType type, int springFestivalDistance) {
        boolean working() {
            return type == ChineseHolidays.DayType.WORKDAY || type == ChineseHolidays.DayType.MAKEUP_WORKDAY;
        }

        boolean holiday() {
            return type == ChineseHolidays.DayType.HOLIDAY;
        }

        DayOfWeek dow() {
            return date.getDayOfWeek();
        }
    }

    /** Adds {@code level} x the overlap fraction of [fromH, toH) with each interval to {@code a}. */
    static void window(double[] a, double fromH, double toH, double level) {
        for (int i = 0; i < 96; i++) {
            double s = i / 4.0, e = (i + 1) / 4.0;
            double o = Math.min(e, toH) - Math.max(s, fromH);
            if (o > 0) a[i] += level * o * 4;
        }
    }

    /** The intended average kW of each of the 96 intervals of {@code d} (before splitting across meters). */
    double[] dayKw(DayInfo d) {
        SplittableRandom r = new SplittableRandom(mix(seed, index, d.day(), 1));
        double[] kw = new double[96];
        String status = statusOn(d.day());
        int cap = capacityOn(d.day());
        if (isStopped(status) && !(resumeDay >= 0 && d.day() >= resumeDay)) {
            for (int i = 0; i < 96; i++) kw[i] = Math.max(0, standbyKw * (1 + 0.15 * r.nextGaussian()));
        } else {
            double[] a = activity(d, r);
            double peak = peakKw * (d.day() >= expansionDay && expansionDay >= 0 ? loadFactorAfter : 1);
            double dayFactor = 1 + 0.04 * r.nextGaussian();
            if (profile == Profile.STEEL_PLANT && !peerOutlier) {
                double[] src = SteelPlantShape.get().day(SteelPlantShape.sourceDay(d.date(), weekOffset));
                double scale = peak / (SteelPlantShape.get().max() * 4);
                for (int i = 0; i < 96; i++) kw[i] = src[i] * 4 * scale * dayFactor * (1 + noise * r.nextGaussian());
            } else {
                for (int i = 0; i < 96; i++) {
                    kw[i] = peak * (baseFrac + (1 - baseFrac) * a[i]) * dayFactor * (1 + noise * r.nextGaussian());
                }
            }
            if (status.equals("RECTIFYING")) for (int i = 0; i < 96; i++) kw[i] = standbyKw + 0.25 * kw[i];
            if (legalHeats != null && !status.equals("RECTIFYING")) legalHeats.addTo(kw, d.day());
            if (cycleKw > 0) cycling(kw, r);
        }
        // injected anomalies
        long first = d.day() * 96L;
        for (int i = 0; i < 96; i++) {
            if (first + i >= shiftFromInterval) kw[i] *= shiftFactor;
            if (first + i >= flatFromInterval) kw[i] += flatKw * (1 + 0.004 * r.nextGaussian());
        }
        if (anomalySegments != null) anomalySegments.addTo(kw, d.day());
        double max = 0.98 * cap;
        for (int i = 0; i < 96; i++) kw[i] = Math.min(max, Math.max(0, kw[i]));
        return kw;
    }

    /**
     * Compressors or pumps switching on and off around the clock, seen through 15-minute averages: legal cycling that
     * a furnace detector must not take for heats (the phase drifts from day to day).
     */
    private void cycling(double[] kw, SplittableRandom r) {
        int period = cycleOnMin + cycleOffMin;
        int phase = r.nextInt(period);
        for (int i = 0; i < 96; i++) {
            int on = 0;
            for (int m = i * 15; m < i * 15 + 15; m++) if ((m + phase) % period < cycleOnMin) on++;
            kw[i] += cycleKw * on / 15.0;
        }
    }

    /** Activity in [0,1] per interval for the enterprise's profile on day {@code d}. */
    private double[] activity(DayInfo d, SplittableRandom r) {
        double[] a = new double[96];
        boolean sat = d.dow() == DayOfWeek.SATURDAY && d.type() == ChineseHolidays.DayType.WEEKEND;
        boolean sun = d.dow() == DayOfWeek.SUNDAY && d.type() == ChineseHolidays.DayType.WEEKEND;
        double sf = d.springFestivalDistance() <= 10 ? 0.35 + 0.65 * d.springFestivalDistance() / 10.0 : 1;
        double js = startHour + 0.25 * r.nextGaussian(), je = endHour + 0.25 * r.nextGaussian();
        if (peerOutlier) {
            // three shifts, every day, changeover dips
            window(a, 0, 24, 0.95);
            for (int h : new int[] {0, 8, 16}) a[h * 4] = 0.7;
            return a;
        }
        if (d.day() >= nightFromDay) {
            // the heavy work moved to the night: 22:00-06:00 every working night, daytime idle
            if (d.working() || sat) {
                window(a, 0, nightTo, 1);
                window(a, nightFrom, 24, 1);
            } else {
                window(a, 0, nightTo, 1);
            }
            return a;
        }
        switch (profile) {
            case DAY_SHIFT, FOUNDRY -> {
                boolean work = d.working() || (sat && r.nextDouble() < saturdayWork) || (sun && r.nextDouble() < sundayWork);
                if (work) {
                    window(a, js, 12, sf);
                    window(a, 12, 13, 0.45 * sf);
                    window(a, 13, je, sf);
                    if (r.nextDouble() < 0.2) window(a, je + 1, je + 3.5, 0.6 * sf);
                }
            }
            case TWO_SHIFT -> {
                boolean work = d.working() || (sat && r.nextDouble() < saturdayWork) || (sun && r.nextDouble() < sundayWork);
                if (work) {
                    window(a, js, 24, sf);
                    for (int i = 48; i < 50; i++) a[i] *= 0.6;
                    for (int i = 70; i < 72; i++) a[i] *= 0.6;
                }
            }
            case CONTINUOUS -> {
                double lvl = 0.9 + 0.04 * r.nextGaussian();
                window(a, 0, 24, lvl);
                if (r.nextDouble() < 0.015) for (int i = 32; i < 80; i++) a[i] = 0.15; // maintenance day
                for (int i = 0; i < 96; i++) a[i] += 0.03 * StrictMath.sin(2 * Math.PI * (i / 96.0 + index * 0.1));
            }
            case COLD_STORAGE -> {
                for (int i = 0; i < 96; i++) {
                    double h = i / 4.0;
                    a[i] = 0.55 + 0.12 * StrictMath.sin(2 * Math.PI * (h - 9) / 24) + 0.12 * (r.nextDouble() - 0.5);
                }
                if (!d.holiday()) window(a, 7, 18, 0.12); // doors open, loading
            }
            case WAREHOUSE -> {
                double lvl = d.holiday() ? 0.15 : (sat || sun) ? 0.4 : 1.0;
                window(a, js, je, lvl * sf);
            }
            case COMMERCE -> {
                double lvl = d.holiday() ? 1.0 : (sat || sun) ? 0.95 : 0.8;
                window(a, 9, 22, lvl);
                window(a, 18, 21, 1 - lvl);
            }
            case STEEL_PLANT -> { /* shape comes from the real data */ }
        }
        return a;
    }
}
