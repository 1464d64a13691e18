package org.furnacewatch.web.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.codec.Json;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Equipment;
import org.furnacewatch.store.ReadingQueries;
import org.furnacewatch.web.Blocking;
import org.furnacewatch.web.Principal;
import org.furnacewatch.web.ReadingQueryRoutes;
import org.furnacewatch.web.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The enterprise page: registry record and its dated history, the load curve (zoomable over a year, alert windows
 * shaded, heats marked, contracted capacity and licensed furnace kW as lines), its alerts with the Chinese
 * explanation and evidence, and its cases. The chart's data comes from {@code GET /enterprises/{code}/chart}.
 */
public final class EnterprisePage {
    private static final Duration YEAR = Duration.ofDays(366);
    private final ConsoleRoutes r;

    EnterprisePage(ConsoleRoutes r) {
        this.r = r;
    }

    void mount(Router router) {
        var who = r.signedIn(Role.DISTRICT, Role.ANALYST, Role.ADMIN);
        router.get("/enterprises/:code").handler(who).handler(this::handlePage);
        router.get("/enterprises/:code/chart").handler(who).handler(this::handleChart);
    }

    /** One dated version of the registry record, for the history table. */
    public record Version(String from, String name, String status, String capacity, String equipment, String meters, String by) {}

    /** An alert with its explanation (the thresholds it crossed). */
    public record Explained(AlertRow row, List<String> thresholds) {}

    public record CaseLine(String id, String state, String dimensions, String opened, String deadline, boolean overdue) {}

    private EnterpriseHistory visible(RoutingContext ctx) {
        EnterpriseHistory h = r.c.registry().enterprise(ctx.pathParam("code"));
        Principal who = ConsoleRoutes.session(ctx).person().principal();
        if (h == null || !who.canSee(h.at(r.c.clock().instant().getEpochSecond()) == null ? h.latest().district()
                : h.at(r.c.clock().instant().getEpochSecond()).district())) {
            throw new ConsoleRoutes.NotFound("企业不存在 (no such enterprise)");
        }
        return h;
    }

    private void handlePage(RoutingContext ctx) {
        r.work(ctx, () -> {
            EnterpriseHistory h = visible(ctx);
            EnterpriseRecord cur = h.latest();
            List<Version> versions = new ArrayList<>();
            for (EnterpriseRecord v : h.versions().reversed()) {
                StringBuilder eq = new StringBuilder();
                for (Equipment e : v.equipment()) {
                    if (!eq.isEmpty()) eq.append("；");
                    eq.append(e.type()).append(' ').append(Math.round(e.ratedKw())).append("kW").append(e.licensed() ? "（许可）" : "（未许可）");
                }
                versions.add(new Version(Views.time(v.effectiveFrom(), r.c.zone()), v.name(), Views.enterpriseStatus(v.status().name()),
                        Math.round(v.capacityKva()) + " kVA", eq.isEmpty() ? "—" : eq.toString(),
                        String.join("、", v.meters().stream().map(m -> m.id() + "×" + m.multiplier()).toList()), String.valueOf(v.recordedBy())));
            }
            InboxPage inbox = new InboxPage(r);
            List<Explained> alerts = new ArrayList<>();
            for (Alert a : r.c.alerts().find(cur.district(), cur.creditCode(), null, null, 200)) {
                List<String> t = new ArrayList<>();
                try {
                    for (var n : Json.MAPPER.readTree(a.evidenceJson()).path("thresholdsCrossed")) t.add(n.asText());
                } catch (Exception e) {
                    // an alert without readable evidence still shows its summary
                }
                alerts.add(new Explained(inbox.row(a, null), t));
            }
            List<CaseLine> cases = new ArrayList<>();
            for (CaseFile f : r.c.cases().find(List.of(cur.district()), null, cur.creditCode())) {
                cases.add(new CaseLine(f.id, f.state().zh, String.join("、", f.dimensions.stream().map(d -> d.zh).toList()),
                        Views.time(f.openedAt(), r.c.zone()), f.currentDeadline() == null ? "—" : f.currentDeadline().toString(),
                        f.overdue(r.c.cases().today())));
            }
            return ConsoleRoutes.params("frame", ConsoleRoutes.frame(ctx, cur.name(), "enterprise"), "e", cur,
                    "statusZh", Views.enterpriseStatus(cur.status().name()), "districtName", Views.districtName(r.c.registry(), cur.district()),
                    "versions", versions, "alerts", alerts, "cases", cases,
                    "focus", r.c.alerts().find(cur.district(), cur.creditCode(), null, null, 1).stream().mapToLong(a -> a.lastTs().toEpochMilli()).findFirst().orElse(0L));
        }, p -> Pages.send(ctx, 200, "enterprise.jte", p));
    }

    /**
     * {@code GET /enterprises/{code}/chart?from=&to=&step=}: {@code {"step","points":[[ms,kW]..],"capacityKw",
     * "licensedFurnaceKw","alerts":[{"from","to","kind","label","severity"}],"heats":[[ms,kW]..]}}.
     */
    private void handleChart(RoutingContext ctx) {
        EnterpriseHistory h;
        try {
            h = visible(ctx);
        } catch (ConsoleRoutes.NotFound e) {
            ConsoleRoutes.text(ctx, 404, e.getMessage());
            return;
        }
        Instant now = r.c.clock().instant();
        Instant to, from;
        try {
            to = ctx.queryParams().get("to") == null ? now : Instant.ofEpochMilli(Long.parseLong(ctx.queryParams().get("to")));
            from = ctx.queryParams().get("from") == null ? to.minus(YEAR) : Instant.ofEpochMilli(Long.parseLong(ctx.queryParams().get("from")));
        } catch (NumberFormatException e) {
            ConsoleRoutes.text(ctx, 400, "from/to 须为毫秒时间戳 (epoch milliseconds)");
            return;
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(YEAR.multipliedBy(3)) > 0) {
            ConsoleRoutes.text(ctx, 400, "from 须早于 to，跨度不超过3年");
            return;
        }
        ReadingQueries.Step asked = ReadingQueries.Step.parse(ctx.queryParams().get("step"));
        ReadingQueries.Step step = asked != null ? asked : LoadChart.autoStep(from, to);
        List<ReadingQueries.MeterSpan> spans = ReadingQueryRoutes.spans(h, r.c.registry());
        String district = h.latest().district();
        Blocking.heavy(r.vertx(), () -> {
            long t0 = System.nanoTime();
            List<ReadingQueries.Point> series = r.c.queries().series(spans, from, to, step, r.c.zone());
            List<Alert> alerts = r.c.alerts().find(district, h.creditCode(), null, null, 500).stream()
                    .filter(a -> a.lastTs().isAfter(from) && a.firstTs().minusSeconds(900).isBefore(to)).toList();
            List<ReadingQueries.Point> raw = step == ReadingQueries.Step.PT15M ? series : List.of();
            if (raw.isEmpty() && Duration.between(from, to).compareTo(Duration.ofDays(62)) <= 0 && alerts.stream().anyMatch(a -> LoadChart.plateauKw(a) > 0)) {
                raw = r.c.queries().series(spans, from, to, ReadingQueries.Step.PT15M, r.c.zone());
            }
            JsonObject o = new JsonObject().put("step", step.name()).put("from", from.toEpochMilli()).put("to", to.toEpochMilli())
                    .put("rawPoints", series.size());
            JsonArray pts = new JsonArray();
            for (double[] p : LoadChart.reduce(series, LoadChart.hours(step), LoadChart.MAX_POINTS)) pts.add(new JsonArray().add((long) p[0]).add(round(p[1])));
            o.put("points", pts);
            for (Map.Entry<String, Double> e : LoadChart.lines(h, to).entrySet()) o.put(e.getKey(), e.getValue());
            JsonArray windows = new JsonArray();
            for (Alert a : alerts) {
                windows.add(new JsonObject().put("from", a.firstTs().minusSeconds(900).toEpochMilli()).put("to", a.lastTs().toEpochMilli())
                        .put("kind", a.kind()).put("label", Views.kind(a.kind())).put("severity", a.severity()).put("id", a.id()));
            }
            o.put("alerts", windows);
            JsonArray heats = new JsonArray();
            for (double[] p : LoadChart.heats(raw, alerts.stream().filter(a -> a.kind().equals("FURNACE_SIGNATURE") || a.kind().equals("RESURGENCE")).toList())) {
                heats.add(new JsonArray().add((long) p[0]).add(round(p[1])));
            }
            o.put("heats", heats);
            o.put("serverMillis", (System.nanoTime() - t0) / 1_000_000);
            return o.encode();
        }).onSuccess(json -> {
            if (ctx.response().ended()) return;
            Pages.secure(ctx.response()).putHeader("Content-Type", "application/json; charset=utf-8").end(json);
        }).onFailure(e -> r.fail(ctx, e));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String iso(Instant t, java.time.ZoneId zone) {
        return Timestamps.format(t.getEpochSecond(), zone);
    }
}
