package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.DetectionRunner;
import org.furnacewatch.detect.SeriesScorer;
import org.furnacewatch.ingest.Timestamps;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Detection status, the feed-complete marker, and {@code POST /api/v1/series/score}. */
final class DetectionRoutes {
    static final int MAX_SCORE_ROWS = 100_000;
    private final Vertx vertx;
    private final DetectionRunner runner;
    private final ZoneId zone;

    DetectionRoutes(Vertx vertx, DetectionRunner runner, ZoneId zone) {
        this.vertx = vertx;
        this.runner = runner;
        this.zone = zone;
    }

    void handleStatus(RoutingContext ctx) {
        Http.json(ctx, 200, new JsonObject().put("pending", runner.pending()).put("processed", runner.processed())
                .put("lateReadings", runner.lateReadings()).put("rebuilt", runner.rebuilt()));
    }

    /** {@code POST /api/v1/detection/advance {"to": ts}}: the feed is complete up to ts (end of a replay). */
    void handleAdvance(RoutingContext ctx) {
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        runner.advanceTo(Timestamps.instant("to", body.getValue("to")).getEpochSecond());
        handleStatus(ctx);
    }

    void handleScore(RoutingContext ctx) {
        String text = ctx.body().asString("UTF-8");
        if (text == null) text = "";
        String[] lines = text.replace("\uFEFF", "").split("\r?\n");
        List<String> rawTs = new ArrayList<>(), rawValue = new ArrayList<>();
        int start = lines.length > 0 && lines[0].toLowerCase().startsWith("timestamp") ? 1 : 0;
        for (int i = start; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            int comma = lines[i].indexOf(',');
            if (comma < 0) {
                Http.error(ctx, 400, "第 " + (i + 1) + " 行应为 timestamp,value (line " + (i + 1) + ")");
                return;
            }
            rawTs.add(lines[i].substring(0, comma).trim());
            rawValue.add(lines[i].substring(comma + 1).trim());
        }
        if (rawTs.size() > MAX_SCORE_ROWS) {
            Http.error(ctx, 413, "最多 " + MAX_SCORE_ROWS + " 行 (at most 100,000 rows)");
            return;
        }
        int n = rawTs.size();
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Timestamps.parseLenient(rawTs.get(i), zone);
            if (ts[i] == Timestamps.INVALID) {
                Http.error(ctx, 400, "第 " + (i + 1) + " 个数据行时间戳无效 (bad timestamp in data row " + i + "): " + rawTs.get(i));
                return;
            }
            try {
                values[i] = Double.parseDouble(rawValue.get(i));
            } catch (NumberFormatException e) {
                Http.error(ctx, 400, "第 " + (i + 1) + " 个数据行数值无效 (bad value in data row " + i + "): " + rawValue.get(i));
                return;
            }
        }
        vertx.executeBlocking(() -> new SeriesScorer(zone).score(ts, values)).onSuccess(scores -> {
            StringBuilder out = new StringBuilder(n * 48).append("timestamp,value,score\n");
            for (int i = 0; i < n; i++) out.append(rawTs.get(i)).append(',').append(rawValue.get(i)).append(',').append(scores[i]).append('\n');
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(out.toString());
        }).onFailure(e -> Http.error(ctx, 500, e.getMessage()));
    }
}
