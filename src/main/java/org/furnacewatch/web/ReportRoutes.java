package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.cases.Reports;
import org.furnacewatch.registry.District;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/v1/reports/annual?year=&district=|city=&format=json|csv|html}: the year-end summary per district and city. */
final class ReportRoutes {
    private final Vertx vertx;
    private final CaseService cases;
    private final Documents documents;
    private final Reports reports;

    ReportRoutes(Vertx vertx, CaseService cases, Documents documents, Reports reports) {
        this.vertx = vertx;
        this.cases = cases;
        this.documents = documents;
        this.reports = reports;
    }

    void handleAnnual(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        String format = q.get("format") == null ? "json" : q.get("format");
        if (!List.of("json", "csv", "html").contains(format)) {
            Http.error(ctx, 400, "format", "format 须为 json、csv 或 html");
            return;
        }
        int year;
        try {
            year = q.get("year") == null ? cases.today().getYear() : Integer.parseInt(q.get("year"));
            if (year < 1 || year > 9999) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            Http.error(ctx, 400, "year", "year 须为年份");
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> {
            String district = q.get("district");
            String city = q.get("city");
            if (district != null && cases.registry().district(district) == null) throw new CaseService.NotFound("区县不存在 (no such district)");
            if (city != null && cases.registry().district(city) == null) throw new CaseService.NotFound("区县不存在 (no such district)");
            List<String> scope = CaseRoutes.scope(cases, who, district, city);
            List<String> districts = new ArrayList<>();
            if (scope == null) for (District d : cases.registry().districts()) districts.add(d.code());
            else districts.addAll(scope);
            // a city's own code carries no cases of its own unless it has some; keep only districts that exist
            LocalDate today = cases.today();
            List<Reports.Line> lines = reports.annual(districts, cases.find(districts, null, null), year, today);
            String scopeCode = city != null ? city : district != null ? district : who.role() == Role.DISTRICT ? who.district() : null;
            String scopeName = scopeCode == null ? "" : documents.districtName(scopeCode);
            String issuer = (scopeName.isEmpty() ? "" : scopeName) + "利用综合标准依法依规推动落后产能退出工作领导小组办公室";
            return new Object[] {lines, reports.sheet(lines, year, scopeName, issuer, today), scopeCode};
        }, res -> {
            @SuppressWarnings("unchecked") List<Reports.Line> lines = (List<Reports.Line>) res[0];
            if (format.equals("json")) {
                JsonArray rows = new JsonArray();
                for (Reports.Line l : lines) rows.add(JsonObject.mapFrom(l));
                Http.json(ctx, 200, new JsonObject().put("year", year).put("scope", res[2]).put("districts", rows));
            } else {
                CaseRoutes.sendSheet(ctx, (org.furnacewatch.cases.Sheet) res[1], format, "annual-" + year);
            }
        });
    }
}
