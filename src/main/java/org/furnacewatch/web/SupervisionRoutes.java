package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.cases.ActionRequest;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;

/**
 * The city chases slow districts (issue 11; seeds/000, 001 通报、约谈): {@code GET /api/v1/overdue} (each district's overdue
 * items, worst first), {@code POST/GET /api/v1/districts/{code}/supervision} (通报 CIRCULAR, 约谈 SUMMONS; by admin or by a
 * district token bound to an ancestor, never by the district itself), and {@code GET /api/v1/audit} (admin).
 */
public final class SupervisionRoutes implements ApiServer.Routes {
    private final Vertx vertx;
    private final CaseService cases;
    private final Supervision supervision;

    public SupervisionRoutes(Vertx vertx, CaseService cases, Supervision supervision) {
        this.vertx = vertx;
        this.cases = cases;
        this.supervision = supervision;
    }

    @Override
    public void mount(Router router, Auth auth) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1L << 20);
        router.get("/api/v1/overdue").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleOverdue);
        router.post("/api/v1/districts/:code/supervision").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(this::handleRecord);
        router.get("/api/v1/districts/:code/supervision").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleList);
        router.get("/api/v1/audit").handler(auth.allow(ADMIN)).handler(this::handleAudit);
    }

    private void handleOverdue(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        CaseRoutes.run(vertx, ctx, () -> {
            List<String> scope = CaseRoutes.scope(cases, who, q.get("district"), q.get("city"));
            List<String> districts = scope != null ? scope : cases.registry().districts().stream().map(d -> d.code()).toList();
            return overdue(districts);
        }, o -> Http.json(ctx, 200, o));
    }

    JsonObject overdue(List<String> districts) throws java.sql.SQLException {
        LocalDate today = cases.today();
        List<JsonObject> rows = new ArrayList<>();
        List<CaseFile> all = cases.find(districts, null, null);
        for (String d : districts) {
            JsonArray items = new JsonArray();
            for (CaseFile f : all) {
                if (!f.district.equals(d) || !f.overdue(today)) continue;
                items.add(new JsonObject().put("caseId", f.id).put("kind", f.currentDeadlineKind()).put("due", f.currentDeadline().toString())
                        .put("daysOverdue", ChronoUnit.DAYS.between(f.currentDeadline(), today))
                        .put("enterprise", f.enterprise).put("name", f.registered() ? f.enterpriseName : f.siteAddress()));
            }
            List<Supervision.Entry> recs = supervision.list(List.of(d));
            var district = cases.registry().district(d);
            rows.add(new JsonObject().put("district", d).put("name", district == null ? d : district.name()).put("overdue", items.size())
                    .put("items", items)
                    .put("circulars", recs.stream().filter(r -> r.kind().equals("CIRCULAR")).count())
                    .put("summons", recs.stream().filter(r -> r.kind().equals("SUMMONS")).count()));
        }
        rows.sort(Comparator.comparing((JsonObject o) -> -o.getInteger("overdue")).thenComparing(o -> o.getString("district")));
        return new JsonObject().put("asOf", today.toString()).put("districts", new JsonArray(new ArrayList<>(rows)));
    }

    private void handleRecord(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String code = ctx.pathParam("code");
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        String kind = body.getValue("kind") instanceof String s ? s : null;
        if (kind == null || !Supervision.KINDS.contains(kind)) {
            Http.error(ctx, 400, "kind", "kind 须为 CIRCULAR（通报）或 SUMMONS（约谈）");
            return;
        }
        String note = body.getValue("note") instanceof String s && !s.isBlank() && s.length() <= 4000 && !org.furnacewatch.codec.Text.hasControl(s) ? s : null;
        if (note == null) {
            Http.error(ctx, 400, "note", "note 缺失或过长：通报或约谈的事由");
            return;
        }
        Instant at;
        try {
            at = body.getValue("at") == null ? null : org.furnacewatch.ingest.Timestamps.instant("at", body.getValue("at"));
        } catch (org.furnacewatch.codec.BadInput e) {
            Http.error(ctx, 400, "at", e.getMessage());
            return;
        }
        if (who.role() == DISTRICT && who.district().equals(code)) {
            Http.error(ctx, 403, "通报、约谈由上级记录，区县不能对自身记录 (recorded by the city or province, not by the district itself)");
            return;
        }
        String by = body.getValue("by") instanceof String s && !s.isBlank() ? s : who.name();
        CaseRoutes.run(vertx, ctx, () -> {
            if (cases.registry().district(code) == null || !CaseRoutes.visible(cases, who).test(code))
                throw new CaseService.NotFound("区县不存在 (no such district)");
            Instant now = cases.now();
            if (at != null && at.isAfter(now.plusSeconds(300))) throw new ActionRequest.Invalid("at", "at 不得晚于当前时刻");
            List<String> items = new ArrayList<>();
            for (Object o : overdue(List.of(code)).getJsonArray("districts").getJsonObject(0).getJsonArray("items")) items.add(((JsonObject) o).getString("caseId"));
            return json(supervision.record(code, kind, at == null ? now : at, by, note, items, who.actor(), now));
        }, o -> Http.json(ctx, 201, o));
    }

    private void handleList(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String code = ctx.pathParam("code");
        CaseRoutes.run(vertx, ctx, () -> {
            if (cases.registry().district(code) == null || !CaseRoutes.visible(cases, who).test(code))
                throw new CaseService.NotFound("区县不存在 (no such district)");
            JsonArray out = new JsonArray();
            for (Supervision.Entry e : supervision.list(List.of(code))) out.add(json(e));
            return out;
        }, a -> Http.json(ctx, 200, a));
    }

    private void handleAudit(RoutingContext ctx) {
        var q = ctx.queryParams();
        int limit;
        try {
            limit = q.get("limit") == null ? 200 : Integer.parseInt(q.get("limit"));
            if (limit < 1 || limit > 5000) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            Http.error(ctx, 400, "limit", "limit 须为 1..5000");
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> new JsonArray(new ArrayList<>(supervision.audit(q.get("actor"), q.get("action"), limit))),
                a -> Http.json(ctx, 200, a));
    }

    private static JsonObject json(Supervision.Entry e) {
        return new JsonObject().put("id", e.id()).put("district", e.district()).put("kind", e.kind())
                .put("kindZh", e.kind().equals("CIRCULAR") ? "通报" : "约谈").put("at", e.at().toString()).put("by", e.by())
                .put("note", e.note()).put("overdueCases", new JsonArray(e.overdue())).put("recordedAt", e.recordedAt().toString())
                .put("recordedBy", e.recordedBy());
    }
}
