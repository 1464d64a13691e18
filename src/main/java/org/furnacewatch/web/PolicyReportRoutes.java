package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.cases.Ledgers;
import org.furnacewatch.cases.ReportSchedule;
import org.furnacewatch.cases.Reports;
import org.furnacewatch.cases.Sheet;
import org.furnacewatch.registry.District;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;

/**
 * Reports with due dates and the ledgers (issue 11): the schedule, the runs generated on their due dates and kept, the
 * public list of exited enterprises, the city ranking of districts, the 挖矿 and eliminated-equipment ledgers. Every sheet
 * as JSON, CSV ({@code ?format=csv}) or a printable page ({@code ?format=html}); scopes as for cases ({@code district},
 * {@code city}, or the caller's own).
 */
public final class PolicyReportRoutes implements ApiServer.Routes {
    private final Vertx vertx;
    private final CaseService cases;
    private final ReportSchedule schedule;
    private final Reports reports;
    private final Documents documents;
    private final Ledgers ledgers;

    public PolicyReportRoutes(Vertx vertx, CaseService cases, ReportSchedule schedule, Reports reports, Documents documents, Ledgers ledgers) {
        this.vertx = vertx;
        this.cases = cases;
        this.schedule = schedule;
        this.reports = reports;
        this.documents = documents;
        this.ledgers = ledgers;
    }

    @Override
    public void mount(Router router, Auth auth) {
        router.get("/api/v1/reports/schedule").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleSchedule);
        router.get("/api/v1/reports/runs").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleRuns);
        router.get("/api/v1/reports/runs/:id").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleRun);
        router.get("/api/v1/reports/exited").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(ctx -> sheet(ctx, true,
                (d, name, year, today) -> schedule.exited(d, year, name, today), "exited"));
        router.get("/api/v1/reports/ranking").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(ctx -> sheet(ctx, true, this::ranking, "ranking"));
        router.get("/api/v1/ledgers/mining").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(ctx -> sheet(ctx, false,
                (d, name, year, today) -> ledgers.mining(d, name, today), "mining-ledger"));
        router.get("/api/v1/ledgers/eliminated-equipment").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(ctx -> sheet(ctx, false,
                (d, name, year, today) -> ledgers.eliminatedEquipment(d, name, today), "eliminated-equipment-ledger"));
    }

    private void handleSchedule(RoutingContext ctx) {
        int year = cases.today().getYear();
        JsonArray out = new JsonArray();
        for (ReportSchedule.Kind k : ReportSchedule.Kind.values()) {
            LocalDate due = k.dueIn(year);
            if (due.isBefore(cases.today())) due = k.dueIn(year + 1);
            out.add(new JsonObject().put("kind", k.name()).put("zh", k.zh).put("due", k.due.toString()).put("next", due.toString())
                    .put("period", k.period(due.getYear())));
        }
        Http.json(ctx, 200, out);
    }

    private void handleRuns(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        String kind = q.get("kind");
        if (kind != null && java.util.Arrays.stream(ReportSchedule.Kind.values()).noneMatch(k -> k.name().equals(kind))) {
            Http.error(ctx, 400, "kind", "kind 须为 " + List.of(ReportSchedule.Kind.values()));
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> {
            JsonArray out = new JsonArray();
            for (ReportSchedule.Run r : schedule.runs(CaseRoutes.scope(cases, who, q.get("district"), q.get("city")), kind)) {
                out.add(new JsonObject().put("id", r.id()).put("kind", r.kind()).put("period", r.period()).put("district", r.scope())
                        .put("due", r.due().toString()).put("generatedAt", r.generatedAt().toString()).put("title", r.title()).put("rows", r.rows()));
            }
            return out;
        }, a -> Http.json(ctx, 200, a));
    }

    private void handleRun(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String format = ctx.request().getParam("format", "html");
        if (!format.equals("html") && !format.equals("csv")) {
            Http.error(ctx, 400, "format", "format 须为 html 或 csv");
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            Http.error(ctx, 404, "报告不存在 (no such report run)");
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> {
            Map<String, String> b = schedule.body(id, format);
            if (b == null || !CaseRoutes.visible(cases, who).test(b.get("scope"))) throw new CaseService.NotFound("报告不存在 (no such report run)");
            return b;
        }, b -> {
            if (format.equals("csv")) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"" + b.get("name") + ".csv\"").end(b.get("body"));
            } else {
                ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(b.get("body"));
            }
        });
    }

    private Sheet ranking(List<String> districts, String scopeName, int year, LocalDate today) throws java.sql.SQLException {
        List<Reports.Line> lines = new ArrayList<>(reports.annual(districts, cases.find(districts, null, null), year, today));
        // rank counties, not the city or province whose districts they are
        java.util.Set<String> parents = new java.util.HashSet<>();
        for (District d : cases.registry().districts()) if (d.parent() != null) parents.add(d.parent());
        lines.removeIf(l -> l.district().isEmpty() || parents.contains(l.district()));
        lines.sort(Comparator.comparingInt(Reports.Line::overdue).thenComparing(Comparator.comparingInt(Reports.Line::enterprisesClosed).reversed())
                .thenComparing(Comparator.comparingInt(Reports.Line::closedCases).reversed()).thenComparing(Reports.Line::district));
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (Reports.Line l : lines) {
            rows.add(List.of(String.valueOf(rank++), l.district(), l.name(), String.valueOf(l.overdue()), String.valueOf(l.enterprisesClosed()),
                    String.valueOf(l.closedCases()), String.valueOf(l.casesOpened()), String.valueOf(l.ditiaogangCases())));
        }
        return new Sheet(scopeName + year + "年度区县落后产能退出工作排名", null, scopeName + "经济信息委", today.toString(), null,
                List.of("按逾期案件数（少者在前）、关停退出企业数、结案数排序；逾期为截至今日。"),
                List.of("名次", "区县代码", "区县", "逾期案件", "关停退出企业", "结案", "立案", "其中地条钢"), rows);
    }

    interface Make {
        Sheet make(List<String> districts, String scopeName, int year, LocalDate today) throws Exception;
    }

    private void sheet(RoutingContext ctx, boolean yearly, Make make, String name) {
        Principal who = Http.principal(ctx);
        ReportQuery q = ReportQuery.parse(ctx, cases);
        if (q == null) return;
        String format = q.format();
        int year = q.year();
        CaseRoutes.run(vertx, ctx, () -> {
            List<String> districts = q.districts(cases, who);
            String code = q.scopeCode(who);
            return make.make(districts, code == null ? "" : documents.districtName(code), year, cases.today());
        }, s -> {
            if (!format.equals("json")) {
                CaseRoutes.sendSheet(ctx, s, format, name + (yearly ? "-" + year : ""));
                return;
            }
            JsonArray rows = new JsonArray();
            for (List<String> r : s.rows()) {
                JsonObject o = new JsonObject();
                for (int i = 0; i < s.columns().size(); i++) o.put(s.columns().get(i), r.get(i));
                rows.add(o);
            }
            Http.json(ctx, 200, new JsonObject().put("title", s.title()).put("date", s.date()).put("columns", new JsonArray(s.columns())).put("rows", rows));
        });
    }
}
