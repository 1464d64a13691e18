package org.furnacewatch.sim;

import org.furnacewatch.sim.EnterpriseModel.DayInfo;
import org.furnacewatch.sim.EnterpriseModel.MeterModel;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates readings one day at a time, keeping only the register state of every meter between days. Within a day
 * readings come in event-time order (interval by interval, enterprise by enterprise) and then suffer the configured
 * delivery problems: gaps, duplicates re-sent a little later, whole meter-days arriving the next morning, and a
 * bounded shuffle (each reading moves at most {@code shuffleWindow} positions).
 */
final class ReadingStream implements Iterator<List<Reading>> {
    private static final int BACKFILL_INTERVAL = 36; // late meter-days arrive after the 09:00 block of the next day

    private final SimulatedDistrict sd;
    private final SimConfig cfg;
    private final List<EnterpriseModel> models;
    private final DayInfo[] days;
    private final int nMeters;
    private final EnterpriseModel[] owner;
    private final MeterModel[] meter;
    private final String[] currentId;
    private final double[] r0;
    private final double[] units;
    private List<Reading> late = new ArrayList<>();
    private int day;

    ReadingStream(SimulatedDistrict sd, List<EnterpriseModel> models, DayInfo[] days) {
        this.sd = sd;
        this.cfg = sd.config();
        this.models = models;
        this.days = days;
        int n = 0;
        for (EnterpriseModel e : models) n += e.meters.size();
        nMeters = n;
        owner = new EnterpriseModel[n];
        meter = new MeterModel[n];
        currentId = new String[n];
        r0 = new double[n];
        units = new double[n];
        int g = 0;
        for (EnterpriseModel e : models) {
            for (MeterModel m : e.meters) {
                owner[g] = e;
                meter[g] = m;
                currentId[g] = m.id;
                r0[g] = m.register0;
                g++;
            }
        }
    }

    @Override
    public boolean hasNext() {
        return day < days.length;
    }

    @Override
    public List<Reading> next() {
        if (!hasNext()) throw new NoSuchElementException();
        List<Reading> out = generate(day);
        day++;
        return out;
    }

    private List<Reading> generate(int d) {
        OffsetDateTime start = sd.dayStart(d);
        String[] ts = new String[96];
        long[] epoch = new long[96];
        for (int i = 0; i < 96; i++) {
            OffsetDateTime t = start.plusMinutes(15L * (i + 1));
            ts[i] = SimulatedDistrict.iso(t);
            epoch[i] = t.toEpochSecond();
        }
        Reading[][] grid = new Reading[96][nMeters];
        @SuppressWarnings("unchecked")
        List<Reading>[] dupAfter = new List[96];
        List<Reading> lateToday = new ArrayList<>();
        int g = 0;
        for (EnterpriseModel e : models) {
            double[] kw = e.dayKw(days[d]);
            for (MeterModel m : e.meters) {
                SplittableRandom dr = new SplittableRandom(EnterpriseModel.mix(cfg.seed(), g, d, 99));
                int gapStart = -1, gapEnd = -1;
                if (dr.nextDouble() < cfg.gapRate()) {
                    gapStart = dr.nextInt(96);
                    gapEnd = gapStart + 1 + dr.nextInt(16);
                }
                boolean isLate = dr.nextDouble() < cfg.lateRate();
                for (int i = 0; i < 96; i++) {
                    double v = SimulatedDistrict.round3(kw[i] * 0.25 * m.share);
                    if (m.replaceDay == d && m.replaceInterval == i) {
                        if ("NEW_ID".equals(m.replaceKind)) currentId[g] = m.newId;
                        r0[g] = 0;
                        units[g] = 0;
                    }
                    Reading r;
                    if (m.register) {
                        units[g] += v / m.multiplier;
                        r = new Reading(currentId[g], ts[i], epoch[i], Double.NaN, SimulatedDistrict.round4(r0[g] + units[g]));
                    } else {
                        r = new Reading(currentId[g], ts[i], epoch[i], v, Double.NaN);
                    }
                    if (d < e.firstDay) continue; // the account had not opened
                    if (i >= gapStart && i < gapEnd) continue;
                    if (isLate) {
                        lateToday.add(r);
                    } else {
                        grid[i][g] = r;
                    }
                    if (cfg.duplicateRate() > 0 && dr.nextDouble() < cfg.duplicateRate()) {
                        int j = Math.min(95, i + 1 + dr.nextInt(8));
                        if (dupAfter[j] == null) dupAfter[j] = new ArrayList<>();
                        dupAfter[j].add(r);
                    }
                }
                g++;
            }
        }
        List<Reading> out = new ArrayList<>(96 * nMeters + 16);
        for (int i = 0; i < 96; i++) {
            for (Reading r : grid[i]) if (r != null) out.add(r);
            if (dupAfter[i] != null) out.addAll(dupAfter[i]);
            if (i == BACKFILL_INTERVAL && !late.isEmpty()) {
                out.addAll(late);
                late = new ArrayList<>();
            }
        }
        if (d == days.length - 1) {
            out.addAll(late);
            out.addAll(lateToday);
            late = new ArrayList<>();
        } else {
            late.addAll(lateToday);
        }
        return shuffle(out, d);
    }

    /** Moves every reading by a random amount of at most {@code shuffleWindow} positions. */
    private List<Reading> shuffle(List<Reading> in, int d) {
        int w = cfg.shuffleWindow();
        if (w <= 0 || in.size() < 2) return in;
        SplittableRandom r = new SplittableRandom(EnterpriseModel.mix(cfg.seed(), d, 5, 1234));
        long[] keys = new long[in.size()];
        for (int p = 0; p < keys.length; p++) {
            long key = (long) ((p + r.nextDouble() * w) * 16); // p < 2^26, key < 2^31
            keys[p] = (key << 26) | p;
        }
        Arrays.sort(keys);
        List<Reading> out = new ArrayList<>(in.size());
        for (long k : keys) out.add(in.get((int) (k & ((1 << 26) - 1))));
        return out;
    }
}
