package org.furnacewatch.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.furnacewatch.store.ReadingQueries.Step.P1D;
import static org.furnacewatch.store.ReadingQueries.Step.PT1H;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which parts of a series come from a continuous aggregate (whole, materialised, unchanged buckets) and which from
 * readings: pure arithmetic, so it runs without TimescaleDB. Every case must cover (lo, hi] exactly once.
 */
class AggregatesSplitTest {
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final long NONE = Long.MIN_VALUE;

    static long t(String local) {
        return Aggregates.micros(java.time.LocalDateTime.parse(local).atZone(CST).toInstant());
    }

    record Split(List<String> aggregate, List<String> readings) {}

    static Split split(String lo, String hi, ReadingQueries.Step step, long watermark, long[]... invalid) {
        List<long[]> agg = new ArrayList<>(), raw = new ArrayList<>();
        Aggregates.split(t(lo), t(hi), step, CST, new Aggregates.State(watermark, List.of(invalid)), agg, raw);
        // (lo, hi] is covered once, in order, by the two lists together
        List<long[]> all = new ArrayList<>(agg);
        all.addAll(raw);
        all.sort((a, b) -> Long.compare(a[0], b[0]));
        long at = t(lo);
        for (long[] p : all) {
            assertEquals(at, p[0], "contiguous");
            at = p[1];
        }
        assertEquals(t(hi), at, "covers to hi");
        return new Split(text(agg), text(raw));
    }

    static List<String> text(List<long[]> parts) {
        List<String> out = new ArrayList<>();
        for (long[] p : parts) out.add(local(p[0]) + ".." + local(p[1]));
        return out;
    }

    static String local(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(CST).toLocalDateTime().toString();
    }

    @Test
    void wholeDays_fromAggregate_edgesFromReadings() {
        Split s = split("2026-11-14T13:00", "2026-11-18T06:15", P1D, t("2026-12-01T00:00"));
        assertEquals(List.of("2026-11-15T00:00..2026-11-18T00:00"), s.aggregate());
        assertEquals(List.of("2026-11-14T13:00..2026-11-15T00:00", "2026-11-18T00:00..2026-11-18T06:15"), s.readings());
    }

    @Test
    void bucketsAboveWatermark_fromReadings() {
        // watermark 2026-11-17 00:00:00.000001: the bucket labelled 16 Nov + 1 µs ends 17 Nov 00:00 and is materialised
        Split s = split("2026-11-15T00:00", "2026-11-19T00:00", P1D, t("2026-11-17T00:00") + 1);
        assertEquals(List.of("2026-11-15T00:00..2026-11-17T00:00"), s.aggregate());
        assertEquals(List.of("2026-11-17T00:00..2026-11-19T00:00"), s.readings());
    }

    @Test
    void neverRefreshed_allFromReadings() {
        Split s = split("2026-11-15T00:00", "2026-11-19T00:00", P1D, NONE);
        assertEquals(List.of(), s.aggregate());
    }

    @Test
    void pendingInvalidation_spoilsTheDaysItTouches_includingAReadingAtMidnight() {
        // a correction at exactly 16 Nov 00:00 belongs to the 15th (interval end); one at 17 Nov 12:00 to the 17th
        Split s = split("2026-11-13T00:00", "2026-11-20T00:00", P1D, t("2026-12-01T00:00"),
                new long[] {t("2026-11-16T00:00"), t("2026-11-16T00:00")}, new long[] {t("2026-11-17T12:00"), t("2026-11-17T12:00")});
        assertEquals(List.of("2026-11-13T00:00..2026-11-15T00:00", "2026-11-16T00:00..2026-11-17T00:00",
                "2026-11-18T00:00..2026-11-20T00:00"), s.aggregate());
        assertEquals(List.of("2026-11-15T00:00..2026-11-16T00:00", "2026-11-17T00:00..2026-11-18T00:00"), s.readings());
    }

    @Test
    void openEndedInvalidations_fromTimescaleDbs_minAndMaxValues() {
        Split s = split("2026-11-13T00:00", "2026-11-20T00:00", P1D, t("2026-12-01T00:00"),
                new long[] {Long.MIN_VALUE, t("2026-11-14T00:00")}, new long[] {t("2026-11-19T00:00") + 1, Long.MAX_VALUE});
        assertEquals(List.of("2026-11-14T00:00..2026-11-19T00:00"), s.aggregate());
    }

    @Test
    void hours_likewise() {
        Split s = split("2026-11-15T10:15", "2026-11-15T14:00", PT1H, t("2026-12-01T00:00"),
                new long[] {t("2026-11-15T12:30"), t("2026-11-15T12:30")});
        assertEquals(List.of("2026-11-15T11:00..2026-11-15T12:00", "2026-11-15T13:00..2026-11-15T14:00"), s.aggregate());
        assertEquals(List.of("2026-11-15T10:15..2026-11-15T11:00", "2026-11-15T12:00..2026-11-15T13:00"), s.readings());
    }

    @Test
    void lessThanABucket_fromReadings() {
        Split s = split("2026-11-15T10:15", "2026-11-15T20:00", P1D, t("2026-12-01T00:00"));
        assertEquals(List.of(), s.aggregate());
        assertEquals(List.of("2026-11-15T10:15..2026-11-15T20:00"), s.readings());
    }
}
