package org.furnacewatch.alert;

import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/series/score: one causal score per row sent, in the order sent. */
class SeriesScoreTest {

    @Test
    void everyRowGetsAScoreInOrder_andASpikeScoresHighest() {
        Api analyst = TestService.admin().as(TestService.admin().token("analyst", null));
        StringBuilder csv = new StringBuilder("timestamp,value\r\n");
        int n = 96 * 10;
        int spike = 96 * 9 + 40;
        for (int i = 0; i < n; i++) {
            String ts = java.time.LocalDateTime.of(2026, 1, 5, 0, 0).plusMinutes(15L * (i + 1)).toString(); // no offset: local time
            double v = 50 + 20 * Math.sin(2 * Math.PI * (i % 96) / 96.0) + (i * 7919 % 13) * 0.3;
            if (i == spike) v = 900;
            csv.append(ts).append(',').append(v).append("\r\n");
        }
        Api.Answer a = analyst.post("/api/v1/series/score", "text/csv", csv.toString());
        assertEquals(200, a.status(), a.body());
        String[] lines = a.body().split("\n");
        assertEquals("timestamp,value,score", lines[0]);
        assertEquals(n, lines.length - 1);
        List<Double> scores = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            double s = Double.parseDouble(cells[2]);
            assertTrue(s >= 0 && s <= 1, lines[i]);
            scores.add(s);
        }
        double max = scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(max, scores.get(spike), "the spike is the most anomalous row");
        assertTrue(scores.get(spike) > 0.9, "spike score " + scores.get(spike));
    }

    @Test
    void scoresAreCausal_andRowsOutOfOrderOrRepeatedAreAccepted() {
        Api api = TestService.admin();
        String rows = "timestamp,value\n2026-01-01T00:15:00+08:00,10\n2026-01-01T00:45:00+08:00,11\n2026-01-01T00:30:00+08:00,12\n2026-01-01T00:30:00+08:00,12\n";
        Api.Answer full = api.post("/api/v1/series/score", "text/csv", rows + "2026-01-01T01:00:00+08:00,500\n");
        Api.Answer prefix = api.post("/api/v1/series/score", "text/csv", rows);
        assertEquals(200, full.status(), full.body());
        String[] f = full.body().split("\n"), p = prefix.body().split("\n");
        assertEquals(6, f.length);
        for (int i = 1; i < p.length; i++) assertEquals(p[i], f[i], "a later row must not change an earlier score");
        assertEquals("2026-01-01T00:45:00+08:00,11", f[2].substring(0, f[2].lastIndexOf(',')), "rows stay in the order sent");
    }

    @Test
    void levelShift_overHttp_peaksAtOnset_andTheSameBodyGetsTheSameAnswer() {
        Api analyst = TestService.admin().as(TestService.admin().token("analyst", null));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.util.Random r = new java.util.Random(9);
        int n = 5000, onset = 3500;
        java.time.OffsetDateTime t0 = java.time.OffsetDateTime.parse("2026-03-02T00:05:00+08:00");
        for (int i = 0; i < n; i++) {
            double v = 1000 + 300 * Math.sin(2 * Math.PI * i / 288) + 20 * r.nextGaussian() + (i >= onset ? 150 : 0);
            csv.append(t0.plusMinutes(5L * i)).append(',').append(String.format("%.2f", v)).append('\n');
        }
        Api.Answer a = analyst.post("/api/v1/series/score", "text/csv", csv.toString());
        assertEquals(200, a.status(), a.body());
        String[] sent = csv.toString().split("\n");
        String[] got = a.body().split("\n");
        assertEquals(sent.length, got.length);
        double normal = 0, atOnset = 0;
        for (int i = 1; i < got.length; i++) {
            String row = got[i];
            assertEquals(sent[i], row.substring(0, row.lastIndexOf(',')), "row " + i + " echoed as sent, in order");
            double s = Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
            if (i - 1 >= 750 && i - 1 < onset) normal = Math.max(normal, s);
            if (i - 1 >= onset && i - 1 < onset + 50) atOnset = Math.max(atOnset, s);
        }
        assertTrue(atOnset > normal, "onset " + atOnset + " vs normal " + normal);
        assertEquals(a.body(), analyst.post("/api/v1/series/score", "text/csv", csv.toString()).body(), "deterministic");
    }

    @Test
    void badRows_are400_andAFeedMayNotScore() {
        Api api = TestService.admin();
        assertEquals(400, api.post("/api/v1/series/score", "text/csv", "timestamp,value\nyesterday,1\n").status());
        assertEquals(400, api.post("/api/v1/series/score", "text/csv", "timestamp,value\n2026-01-01T00:15:00+08:00,abc\n").status());
        assertEquals(403, api.as(api.token("feed", null)).post("/api/v1/series/score", "text/csv", "timestamp,value\n").status());
    }
}
