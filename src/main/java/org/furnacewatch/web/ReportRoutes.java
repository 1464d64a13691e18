package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.cases.Reports;

import java.time.LocalDate;
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
        ReportQuery q = ReportQuery.parse(ctx, cases);
        if (q == null) return;
        String format = q.format();
        int year = q.year();
        CaseRoutes.run(vertx, ctx, () -> {
            List<String> districts = q.districts(cases, who);
            // a city's own code carries no cases of its own unless it has some; keep only districts that exist
            LocalDate today = cases.today();
            List<Reports.Line> lines = reports.annual(districts, cases.find(districts, null, null), year, today);
            String scopeCode = q.scopeCode(who);
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
