package org.furnacewatch.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Delivers a simulated district the way a power company's collection system does, not day by day in order:
 * half-day uploads (00:00-12:00 arrives after noon, 12:00-24:00 after midnight) or daily ones (the whole day after
 * midnight, as some collection systems send), each split over several requests
 * with its rows in random order; rows a meter missed are re-collected (补采) one to six uploads (up to 72 h) later;
 * a data concentrator goes quiet and delivers all its meters' rows of an upload days late; some rows never come
 * (gaps); replaced meters report under their new id from the replacement on. Duplicates are left out: the service
 * de-duplicates them before detection. Deterministic in the district and the seed.
 */
public final class PowerCompanyFeed {
    /** One reading: meter id, the enterprise's index in {@link SimulatedDistrict#enterprises()}, interval end, kWh. */
    public record Row(String meterId, int enterprise, long ts, double kwh) {}

    /** One HTTP request's rows and when (event time) the upload it belongs to arrived. */
    public record Request(long arrivalTs, List<Row> rows) {}

    /**
     * @param recollectRate share of rows re-collected later
     * @param quietRate probability per meter and upload that its concentrator is quiet and delivers that upload late
     * @param gapRate probability per meter and upload of a run of 1-8 rows that never comes
     * @param maxLateUploads re-collected and quiet rows arrive 1..this many half-day uploads later (6 = 72 h)
     * @param daily one upload a day, after midnight, instead of two
     */
    public record Options(double recollectRate, double quietRate, double gapRate, int maxLateUploads, boolean daily) {
        public Options(double recollectRate, double quietRate, double gapRate, int maxLateUploads) {
            this(recollectRate, quietRate, gapRate, maxLateUploads, false);
        }

        public static Options typical() {
            return new Options(0.02, 0.01, 0.02, 6);
        }

        /** As {@link #typical}, a day to an upload. */
        public Options aDayAnUpload() {
            return new Options(recollectRate, quietRate, gapRate, maxLateUploads, true);
        }
    }

    private final SimulatedDistrict sd;
    private final long seed;
    private final Options o;

    public PowerCompanyFeed(SimulatedDistrict sd, long seed, Options options) {
        this.sd = sd;
        this.seed = seed;
        this.o = options;
    }

    /**
     * Every request in delivery order, and {@code quiet} between one upload's last request and the next upload's first:
     * uploads come half a day or a day apart, so the feed is quiet between them (the service then takes them as whole).
     */
    public void forEachRequest(Consumer<Request> out, Runnable quiet) {
        long[] last = {Long.MIN_VALUE};
        forEachRequest(req -> {
            if (req.arrivalTs() != last[0] && last[0] != Long.MIN_VALUE) quiet.run();
            last[0] = req.arrivalTs();
            out.accept(req);
        });
    }

    /** Every request in delivery order. */
    public void forEachRequest(Consumer<Request> out) {
        List<EnterpriseRecord> ents = sd.enterprises();
        Map<Integer, List<Row>> later = new HashMap<>();
        Random shuffle = new Random(seed ^ 0x5DEECE66DL);
        int uploads = sd.days() * 2;
        double[][][] dayKwh = new double[ents.size()][][];
        List<Row> morning = new ArrayList<>();
        for (int h = 0; h < uploads + o.maxLateUploads(); h++) {
            List<Row> rows = new ArrayList<>();
            List<Row> due = later.remove(h);
            if (due != null) rows.addAll(due);
            int d = h / 2;
            SplittableRandom r = new SplittableRandom(EnterpriseModel.mix(seed, h, 17, 23));
            if (h < uploads) {
                long dayStart = sd.dayStart(d).toEpochSecond();
                for (int e = 0; e < ents.size(); e++) {
                    String code = ents.get(e).creditCode();
                    int meters = sd.meterCount(code);
                    if (h % 2 == 0) {
                        dayKwh[e] = new double[meters][];
                        for (int m = 0; m < meters; m++) dayKwh[e][m] = sd.meterKwh(code, m, d);
                    }
                    for (int m = 0; m < meters; m++) {
                        boolean quiet = r.nextDouble() < o.quietRate();
                        int quietTo = h + 1 + r.nextInt(o.maxLateUploads());
                        int gapFrom = -1, gapTo = -1;
                        if (r.nextDouble() < o.gapRate()) {
                            gapFrom = (h % 2) * 48 + r.nextInt(48);
                            gapTo = gapFrom + 1 + r.nextInt(8);
                        }
                        for (int i = (h % 2) * 48; i < (h % 2) * 48 + 48; i++) {
                            if (i >= gapFrom && i < gapTo) continue;
                            Row row = new Row(sd.meterIdAt(code, m, d, i), e, dayStart + 900L * (i + 1), dayKwh[e][m][i]);
                            // (an account not yet open sends nothing; the draws stay, so the other rows are as before)
                            boolean open = d >= sd.accountOpensOn(code);
                            if (quiet) {
                                if (open) later.computeIfAbsent(quietTo, k -> new ArrayList<>()).add(row);
                            } else if (r.nextDouble() < o.recollectRate()) {
                                int at = h + 1 + r.nextInt(o.maxLateUploads());
                                if (open) later.computeIfAbsent(at, k -> new ArrayList<>()).add(row);
                            } else if (open) {
                                rows.add(row);
                            }
                        }
                    }
                }
            }
            if (o.daily() && h % 2 == 0 && h + 1 < uploads + o.maxLateUploads()) {
                morning = rows; // (sent with the afternoon's, after midnight; the last upload, late rows only, at once)
                continue;
            }
            if (o.daily()) {
                rows.addAll(morning);
            }
            if (rows.isEmpty()) continue;
            Collections.shuffle(rows, shuffle);
            long arrival = sd.dayStart(0).toEpochSecond() + 43_200L * (h + 1) + 3600L * (1 + r.nextInt(3));
            int parts = 2 + r.nextInt(5);
            int from = 0;
            for (int k = 0; k < parts; k++) {
                int to = k == parts - 1 ? rows.size() : Math.min(rows.size(), from + (int) (rows.size() * (0.5 + r.nextDouble()) / parts));
                if (to > from) out.accept(new Request(arrival, rows.subList(from, to)));
                from = to;
            }
        }
    }
}
