package org.furnacewatch.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.codec.Json;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.store.ReadingQueries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The enterprise load chart's data, reduced on the server to what a chart can show: the step follows the window
 * (15 minutes up to 10 days, hourly up to 120 days, daily beyond) unless one is asked for, and a series longer than
 * {@link #MAX_POINTS} keeps each bucket's minimum and maximum in time order (so a 35,000-point year of 15-minute data
 * draws as 2,000 points and no peak is lost). Values are average kW over each step.
 */
final class LoadChart {
    static final int MAX_POINTS = 2000;
    private static final long SLOT = 900;

    private LoadChart() {}

    static ReadingQueries.Step autoStep(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        if (span.compareTo(Duration.ofDays(10)) <= 0) return ReadingQueries.Step.PT15M;
        if (span.compareTo(Duration.ofDays(120)) <= 0) return ReadingQueries.Step.PT1H;
        return ReadingQueries.Step.P1D;
    }

    static double hours(ReadingQueries.Step step) {
        return switch (step) {
            case PT15M -> 0.25;
            case PT1H -> 1;
            case P1D -> 24;
        };
    }

    /** [epochMillis, kW] pairs, min-max reduced to at most {@code max} points. */
    static List<double[]> reduce(List<ReadingQueries.Point> points, double stepHours, int max) {
        List<double[]> out = new ArrayList<>();
        if (points.size() <= max) {
            for (ReadingQueries.Point p : points) out.add(new double[] {p.end().toEpochMilli(), p.kwh() / stepHours});
            return out;
        }
        int buckets = max / 2;
        double per = points.size() / (double) buckets;
        for (int b = 0; b < buckets; b++) {
            int from = (int) (b * per), to = (int) Math.min(points.size(), (b + 1) * per);
            if (from >= to) continue;
            int lo = from, hi = from;
            for (int i = from; i < to; i++) {
                if (points.get(i).kwh() < points.get(lo).kwh()) lo = i;
                if (points.get(i).kwh() > points.get(hi).kwh()) hi = i;
            }
            int first = Math.min(lo, hi), second = Math.max(lo, hi);
            out.add(new double[] {points.get(first).end().toEpochMilli(), points.get(first).kwh() / stepHours});
            if (second != first) out.add(new double[] {points.get(second).end().toEpochMilli(), points.get(second).kwh() / stepHours});
        }
        return out;
    }

    /**
     * Furnace heats inside furnace-signature alert windows: runs of 15-minute slots at or above 60 % of the plateau
     * the detector measured ({@code features.plateauKw}); each heat is marked at its peak, [epochMillis, kW].
     */
    static List<double[]> heats(List<ReadingQueries.Point> raw15, List<Alert> alerts) {
        List<double[]> out = new ArrayList<>();
        for (Alert a : alerts) {
            double plateau = plateauKw(a);
            if (!(plateau > 0)) continue;
            long from = a.firstTs().getEpochSecond() - SLOT, to = a.lastTs().getEpochSecond();
            double[] peak = null;
            for (ReadingQueries.Point p : raw15) {
                long t = p.end().getEpochSecond();
                double kw = p.kwh() * 4;
                boolean in = t > from && t <= to && kw >= 0.6 * plateau;
                if (in) {
                    if (peak == null || kw > peak[1]) peak = new double[] {p.end().toEpochMilli(), kw};
                } else if (peak != null) {
                    out.add(peak);
                    peak = null;
                }
                if (out.size() >= 500) return out;
            }
            if (peak != null) out.add(peak);
        }
        return out;
    }

    static double plateauKw(Alert a) {
        try {
            JsonNode f = Json.MAPPER.readTree(a.evidenceJson()).path("features");
            return f.path("plateauKw").isNumber() ? f.path("plateauKw").asDouble() : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Contracted capacity (kVA, drawn as kW at unity power factor) and licensed furnace kW in force at {@code t}. */
    static Map<String, Double> lines(EnterpriseHistory h, Instant t) {
        EnterpriseRecord r = h.at(t.getEpochSecond());
        if (r == null) r = h.latest();
        return Map.of("capacityKw", r.capacityKva(), "licensedFurnaceKw", r.licensedFurnaceKw());
    }
}
