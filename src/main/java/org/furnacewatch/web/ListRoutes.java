package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.ingest.Timestamps;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** {@code GET /api/v1/lists/yellow} and {@code /red}: JSON, {@code ?format=csv} or a printable {@code ?format=html}. */
final class ListRoutes {
    private final Vertx vertx;
    private final CaseService cases;
    private final Documents documents;
    private final ZoneId zone;

    ListRoutes(Vertx vertx, CaseService cases, Documents documents, ZoneId zone) {
        this.vertx = vertx;
        this.cases = cases;
        this.documents = documents;
        this.zone = zone;
    }

    void handleYellow(RoutingContext ctx) {
        handleList(ctx, "yellow");
    }

    void handleRed(RoutingContext ctx) {
        handleList(ctx, "red");
    }

    private void handleList(RoutingContext ctx, String color) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        String format = q.get("format") == null ? "json" : q.get("format");
        if (!List.of("json", "csv", "html").contains(format)) {
            Http.error(ctx, 400, "format", "format 须为 json、csv 或 html");
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> {
            List<String> scope = CaseRoutes.scope(cases, who, q.get("district"), q.get("city"));
            LocalDate today = cases.today();
            List<CaseFile> all = cases.find(scope, null, null);
            List<Documents.ListEntry> entries = color.equals("yellow") ? documents.yellow(all, today) : documents.red(all, today);
            String scopeName = scope != null && scope.size() == 1 ? documents.districtName(scope.getFirst())
                    : q.get("city") != null ? documents.districtName(q.get("city"))
                    : who.role() == Role.DISTRICT ? documents.districtName(who.district()) : "";
            return new Object[] {entries, documents.listSheet(color, entries, scopeName, today)};
        }, res -> {
            @SuppressWarnings("unchecked") List<Documents.ListEntry> entries = (List<Documents.ListEntry>) res[0];
            if (format.equals("json")) {
                JsonArray out = new JsonArray();
                for (Documents.ListEntry e : entries) {
                    out.add(new JsonObject().put("caseId", e.caseId()).put("enterprise", e.enterprise()).put("name", e.name())
                            .put("district", e.district()).put("districtName", e.districtName())
                            .put("dimension", e.dimensions().getFirst().name())
                            .put("dimensions", new JsonArray(e.dimensions().stream().map(Enum::name).toList()))
                            .put("ditiaogang", e.ditiaogang()).put("since", Timestamps.format(e.since().getEpochSecond(), zone))
                            .put("deadline", e.deadline() == null ? null : e.deadline().toString()).put("state", e.state())
                            .put("issuer", e.issuer()).put("overdue", e.overdue()));
                }
                Http.json(ctx, 200, out);
            } else {
                CaseRoutes.sendSheet(ctx, (org.furnacewatch.cases.Sheet) res[1], format, color + "-list");
            }
        });
    }
}
