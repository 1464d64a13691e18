package org.furnacewatch.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Dimension;
import org.furnacewatch.cases.Source;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.web.Principal;
import org.furnacewatch.web.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * 待办: the open alerts of the person's jurisdiction by severity and age, with the acknowledgement deadline counting
 * down; the rows are a fragment the page fetches again when {@link AlertStream} pushes a new alert, so new alerts
 * appear without a reload. Acknowledge, silence (reason
 * and expiry), open a case, label an outcome: each a form, each recorded under the person's name.
 */
final class InboxPage {
    static final Set<String> STATUSES = Set.of("UNRESOLVED", "OPEN", "ACKED", "CASE_OPENED", "SUPPRESSED", "RESOLVED");
    private final ConsoleRoutes r;

    InboxPage(ConsoleRoutes r) {
        this.r = r;
    }

    void mount(Router router, BodyHandler form) {
        var who = r.signedIn(Role.DISTRICT, Role.ADMIN);
        router.get("/inbox").handler(who).handler(this::handlePage);
        router.get("/inbox/rows").handler(who).handler(this::handleRows);
        router.post("/alerts/:id/ack").handler(form).handler(who).handler(this::handleAck);
        router.post("/alerts/:id/silence").handler(form).handler(who).handler(this::handleSilence);
        router.post("/alerts/:id/label").handler(form).handler(who).handler(this::handleLabel);
        router.post("/alerts/:id/case").handler(form).handler(who).handler(this::handleOpenCase);
    }

    record Filter(String severity, String kind, String status, String district) {
        String query() {
            return "severity=" + ConsoleRoutes.enc(severity) + "&kind=" + ConsoleRoutes.enc(kind) + "&status=" + ConsoleRoutes.enc(status)
                    + "&district=" + ConsoleRoutes.enc(district);
        }
    }

    private static Filter filter(RoutingContext ctx) {
        var q = ctx.queryParams();
        String status = q.get("status");
        return new Filter(nz(q.get("severity")), nz(q.get("kind")), status == null || !STATUSES.contains(status) ? "UNRESOLVED" : status, nz(q.get("district")));
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    private void handlePage(RoutingContext ctx) {
        Principal who = ConsoleRoutes.session(ctx).person().principal();
        Filter f = filter(ctx);
        r.work(ctx, () -> rows(who, f), rows -> Pages.send(ctx, 200, "inbox.jte", ConsoleRoutes.params(
                "frame", ConsoleRoutes.frame(ctx, "待办告警", "inbox"), "rows", rows, "filter", f, "query", f.query(),
                "districts", Views.visibleDistricts(r.c.registry(), who))));
    }

    private void handleRows(RoutingContext ctx) {
        Principal who = ConsoleRoutes.session(ctx).person().principal();
        Filter f = filter(ctx);
        r.work(ctx, () -> rows(who, f), rows -> Pages.send(ctx, 200, "inbox_rows.jte", ConsoleRoutes.params(
                "rows", rows, "csrf", ConsoleRoutes.session(ctx).csrf())));
    }

    /** The alerts of every district the person may see (each district asked on its own: nothing else is read). */
    List<AlertRow> rows(Principal who, Filter f) throws Exception {
        List<Alert> found = new ArrayList<>();
        for (District d : Views.visibleDistricts(r.c.registry(), who)) {
            if (!f.district().isEmpty() && !f.district().equals(d.code())) continue;
            String status = f.status().equals("UNRESOLVED") ? null : f.status();
            for (Alert a : r.c.alerts().find(d.code(), null, f.kind().isEmpty() ? null : f.kind(), status, 1000)) {
                if (!who.canSee(a.district())) continue;
                if (f.status().equals("UNRESOLVED") && !a.status().equals("OPEN") && !a.status().equals("ACKED")) continue;
                if (!f.severity().isEmpty() && !f.severity().equals(a.severity())) continue;
                found.add(a);
            }
        }
        found.sort(Comparator.comparingInt((Alert a) -> Views.severityLevel(a.severity())).thenComparing(Alert::firstTs));
        if (found.size() > 500) found = found.subList(0, 500);
        Map<String, Instant> deadlines = r.c.delivery().routing().ackDeadlines(found.stream().filter(a -> a.status().equals("OPEN")).map(Alert::id).toList());
        List<AlertRow> out = new ArrayList<>();
        for (Alert a : found) out.add(row(a, deadlines.get(a.id())));
        return out;
    }

    AlertRow row(Alert a, Instant deadline) {
        EnterpriseHistory h = a.enterprise() == null ? null : r.c.registry().enterprise(a.enterprise());
        String name = h == null ? a.subject() : h.latest().name(); // an account-only alert (issue 10) names its 户号
        Instant now = r.c.clock().instant();
        return new AlertRow(a.id(), a.enterprise(), name, a.district(), Views.districtName(r.c.registry(), a.district()), a.kind(),
                Views.kind(a.kind()), a.severity(), Views.severity(a.severity()), a.status(), Views.alertStatus(a.status()),
                Views.time(a.firstTs(), r.c.zone()), Views.time(a.lastTs(), r.c.zone()), Views.age(Duration.between(a.firstTs(), now)),
                deadline == null ? 0 : deadline.toEpochMilli(), a.summary(), String.format(Locale.ROOT, "%.2f", a.score()));
    }

    /** The alert, when the person may see it; otherwise "not found" (never another jurisdiction's data). */
    private Alert visible(RoutingContext ctx) throws Exception {
        Alert a = r.c.alerts().get(ctx.pathParam("id"));
        if (a == null || !ConsoleRoutes.session(ctx).person().principal().canSee(a.district())) throw new ConsoleRoutes.NotFound("告警不存在 (no such alert)");
        return a;
    }

    private static String back(RoutingContext ctx) {
        String b = ConsoleRoutes.safeNext(ctx.request().getFormAttribute("back"));
        return b.isEmpty() ? "/inbox" : b;
    }

    private static String to(String back, String key, String message) {
        return back + (back.contains("?") ? "&" : "?") + key + "=" + ConsoleRoutes.enc(message);
    }

    private void handleAck(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        String note = ctx.request().getFormAttribute("note");
        r.work(ctx, () -> {
            Alert a = visible(ctx);
            return r.c.alerts().ack(a.id(), p.principal().actor(), p.name(), note == null || note.isBlank() ? null : note.strip());
        }, ok -> Pages.redirect(ctx, to(back(ctx), ok ? "ok" : "err", ok ? "已确认告警 (acknowledged)" : "该告警不是待确认状态 (not open)")));
    }

    private void handleSilence(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        String reason = nz(ctx.request().getFormAttribute("reason"));
        int days;
        try {
            days = Integer.parseInt(nz(ctx.request().getFormAttribute("days")));
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (reason.isEmpty() || days < 1 || days > 366) {
            Pages.redirect(ctx, to(back(ctx), "err", "静默须填写原因，期限 1-366 天 (reason and 1-366 days required)"));
            return;
        }
        boolean allKinds = "all".equals(ctx.request().getFormAttribute("scope"));
        int d = days;
        r.work(ctx, () -> {
            Alert a = visible(ctx);
            Instant now = r.c.clock().instant();
            if (a.enterprise() == null) { // silences are per enterprise; an account-only alert (issue 10) is only suppressed
                r.c.alerts().transition(a.id(), Set.of("OPEN", "ACKED"), "SUPPRESSED", p.principal().actor(), "静默 " + d + " 天: " + reason);
                return null;
            }
            r.c.delivery().silences().create(a.enterprise(), allKinds ? null : a.kind(), now, now.plus(Duration.ofDays(d)), reason, p.principal().actor());
            r.c.alerts().transition(a.id(), Set.of("OPEN", "ACKED"), "SUPPRESSED", p.principal().actor(), "静默 " + d + " 天: " + reason);
            return null;
        }, v -> Pages.redirect(ctx, to(back(ctx), "ok", "已静默 " + d + " 天 (silenced)")));
    }

    private void handleLabel(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        String outcome = nz(ctx.request().getFormAttribute("outcome"));
        String cause = nz(ctx.request().getFormAttribute("cause")).toUpperCase(Locale.ROOT);
        String note = nz(ctx.request().getFormAttribute("note"));
        if (!outcome.equals("CONFIRMED") && !outcome.equals("FALSE")) {
            Pages.redirect(ctx, to(back(ctx), "err", "请选择结论 (choose an outcome)"));
            return;
        }
        r.work(ctx, () -> r.c.labels().label(visible(ctx).id(), outcome, cause.isEmpty() ? null : cause, note.isEmpty() ? null : note, p.principal().actor()),
                l -> Pages.redirect(ctx, to(back(ctx), "ok", "已标注结论 (labelled)")));
    }

    private void handleOpenCase(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        Principal who = p.principal();
        List<Dimension> dims = new ArrayList<>();
        for (String s : ctx.request().formAttributes().getAll("dimension")) {
            Dimension d = Dimension.parse(s);
            if (d != null && !dims.contains(d)) dims.add(d);
        }
        boolean dtg = "on".equals(ctx.request().getFormAttribute("ditiaogang")) || "true".equals(ctx.request().getFormAttribute("ditiaogang"));
        if (dims.isEmpty()) dims.add(Dimension.TECHNOLOGY);
        String note = nz(ctx.request().getFormAttribute("note"));
        r.work(ctx, () -> {
            Alert a = visible(ctx);
            try {
                CaseFile f = r.c.cases().open(new CaseService.OpenRequest(a.enterprise(), Source.ALERT, a.id(), dims, dtg, null, p.name(),
                        note.isEmpty() ? null : note), who.actor(), who::canSee);
                return "/cases/" + f.id + "?ok=" + ConsoleRoutes.enc("已立案 (case opened)");
            } catch (CaseService.Conflict | org.furnacewatch.cases.RuleViolation | org.furnacewatch.cases.ActionRequest.Invalid e) {
                return to(back(ctx), "err", e.getMessage());
            }
        }, location -> Pages.redirect(ctx, location));
    }
}
