package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.MeterInfo;
import org.furnacewatch.registry.MeterSpec;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingQueries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/v1/enterprises/{creditCode}/readings?from=&to=&step=}: the load series, summed over meters. */
public final class ReadingQueryRoutes {
    private static final Duration MAX_SPAN = Duration.ofDays(3660);
    private final Vertx vertx;
    private final Registry registry;
    private final ReadingQueries queries;
    private final Clock clock;
    private final ZoneId zone;

    ReadingQueryRoutes(Vertx vertx, Registry registry, ReadingQueries queries, Clock clock, ZoneId zone) {
        this.vertx = vertx;
        this.registry = registry;
        this.queries = queries;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Each version's meters for the time that version was in force. The first version also covers a meter's
     * readings from before it was recorded (registries are usually loaded after meters start reporting),
     * unless another enterprise owned that meter.
     */
    public static List<ReadingQueries.MeterSpan> spans(EnterpriseHistory h, Registry registry) {
        List<ReadingQueries.MeterSpan> out = new ArrayList<>();
        List<EnterpriseRecord> versions = h.versions();
        for (int i = 0; i < versions.size(); i++) {
            Instant vTo = i + 1 < versions.size() ? versions.get(i + 1).effectiveFrom() : Instant.parse("9999-01-01T00:00:00Z");
            for (MeterSpec m : versions.get(i).meters()) {
                MeterInfo info = registry.meter(m.id());
                if (info == null) continue;
                boolean onlyOwner = info.owners().size() == 1;
                Instant vFrom = i == 0 && onlyOwner ? Instant.EPOCH : versions.get(i).effectiveFrom();
                if (vFrom.isBefore(vTo)) out.add(new ReadingQueries.MeterSpan(info.key(), vFrom, vTo));
            }
        }
        return out;
    }

    void handleGetSeries(RoutingContext ctx) {
        EnterpriseHistory h = RegistryRoutes.visibleEnterprise(ctx, registry, clock);
        if (h == null) return;
        Instant to, from;
        String toText = ctx.queryParams().get("to");
        String fromText = ctx.queryParams().get("from");
        to = toText == null ? clock.instant() : Timestamps.instant("to", toText);
        from = fromText == null ? to.minus(Duration.ofDays(7)) : Timestamps.instant("from", fromText);
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            Http.error(ctx, 400, "from", "from 须早于 to，且跨度不超过10年 (from must precede to)");
            return;
        }
        ReadingQueries.Step step = ReadingQueries.Step.parse(ctx.queryParams().get("step") == null ? "PT15M" : ctx.queryParams().get("step"));
        if (step == null) {
            Http.error(ctx, 400, "step", "step 须为 PT15M、PT1H 或 P1D");
            return;
        }
        List<ReadingQueries.MeterSpan> spans = spans(h, registry);
        Instant f = from, t = to;
        // a long span (months of 15-minute points) runs on the heavy pool and is encoded there, off the event loop
        boolean heavy = Duration.between(f, t).compareTo(Duration.ofDays(7)) > 0;
        java.util.concurrent.Callable<String> work = () -> {
            JsonArray out = new JsonArray();
            for (ReadingQueries.Point p : queries.series(spans, f, t, step, zone)) {
                out.add(new JsonObject().put("ts", Timestamps.format(p.end().getEpochSecond(), zone))
                        .put("kwh", p.kwh()).put("readings", p.readings()));
            }
            return out.encode();
        };
        (heavy ? Blocking.heavy(vertx, work) : Blocking.run(vertx, work)).onSuccess(text -> Http.json(ctx, 200, text))
                .onFailure(e -> Http.unavailable(ctx, e));
    }
}
