package org.furnacewatch.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.cases.ActionRequest;
import org.furnacewatch.cases.ActionType;
import org.furnacewatch.cases.AllowedActions;
import org.furnacewatch.cases.CaseEvent;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.DismantleItem;
import org.furnacewatch.cases.Evidence;
import org.furnacewatch.cases.RuleViolation;
import org.furnacewatch.calendar.WorkingCalendar;
import org.furnacewatch.web.Principal;
import org.furnacewatch.web.Role;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The case page: state, dimensions, departments, deadlines with working days left, the actions the rule table allows
 * now (each a form; nothing the rules refuse is offered), the 五拆除 checklist and interim measures, evidence (a
 * phone photo uploads with its SHA-256), the generated documents and the whole history.
 */
public final class CasePage {
    private static final List<String> DOCUMENTS = List.of("credit-record", "electricity-price", "licence-revocation");
    private static final Map<String, String> DOCUMENT_ZH = Map.of("credit-record", "失信行为信息报送表", "electricity-price", "差别电价执行通知",
            "licence-revocation", "撤销生产许可证建议");
    private final ConsoleRoutes r;

    CasePage(ConsoleRoutes r) {
        this.r = r;
    }

    void mount(Router router, BodyHandler form) {
        router.get("/cases/:id").handler(r.signedIn(Role.DISTRICT, Role.ANALYST, Role.ADMIN)).handler(this::handlePage);
        router.post("/cases/:id/actions").handler(form).handler(r.signedIn(Role.DISTRICT, Role.ADMIN)).handler(this::handleAct);
    }

    public record Field(String name, String label, String type, List<String[]> choices) {}

    public record ActionForm(String action, String zh, List<Field> fields) {}

    public record Check(String zh, boolean done, String when) {}

    public record Event(int seq, String action, String at, String by, String note, String detail, String recordedBy) {}

    public record Doc(String type, String zh) {}

    public record Deadline(String zh, String date, long workingDaysLeft, boolean overdue) {}

    private void handlePage(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        Principal who = p.principal();
        boolean mayAct = p.role() != Role.ANALYST;
        r.work(ctx, () -> {
            CaseFile f;
            try {
                f = r.c.cases().get(ctx.pathParam("id"), who::canSee);
            } catch (CaseService.NotFound e) {
                throw new ConsoleRoutes.NotFound(e.getMessage());
            }
            List<ActionForm> forms = new ArrayList<>();
            if (mayAct) for (AllowedActions.Option o : r.c.cases().allowedNow(f)) forms.add(form(o));
            List<Check> dismantle = new ArrayList<>();
            for (DismantleItem i : DismantleItem.values()) {
                CaseEvent e = find(f, ActionType.DISMANTLE_ITEM, i.name());
                dismantle.add(new Check(i.zh, f.dismantled().containsKey(i), e == null ? "" : Views.time(e.at(), r.c.zone())));
            }
            List<Check> interim = new ArrayList<>();
            for (ActionType a : ActionType.INTERIM) {
                CaseEvent e = find(f, a, null);
                interim.add(new Check(a.zh, f.has(a), e == null ? "" : Views.time(e.at(), r.c.zone())));
            }
            List<Event> history = new ArrayList<>();
            for (CaseEvent e : f.history()) {
                history.add(new Event(e.seq(), e.action().zh, Views.time(e.at(), r.c.zone()), String.valueOf(e.by()), e.note() == null ? "" : e.note(),
                        e.detail() == null || e.detail().isEmpty() ? "" : e.detail().toString(), String.valueOf(e.recordedBy())));
            }
            List<Doc> docs = new ArrayList<>();
            for (String t : DOCUMENTS) {
                try {
                    r.c.documents().caseDocument(f, t);
                    docs.add(new Doc(t, DOCUMENT_ZH.get(t)));
                } catch (RuntimeException e) {
                    // not applicable to this case yet
                }
            }
            List<Deadline> deadlines = new ArrayList<>();
            LocalDate today = r.c.cases().today();
            if (f.rectificationDeadline() != null) deadlines.add(deadline("整改期限", f.rectificationDeadline(), today, f.overdue(today) && f.state().name().equals("RECTIFYING")));
            if (f.dismantleDeadline() != null) deadlines.add(deadline("拆除期限", f.dismantleDeadline(), today, f.overdue(today) && f.state().name().equals("SHUTTING_DOWN")));
            List<Evidence> evidence = r.c.cases().evidence(f.id, who::canSee);
            return ConsoleRoutes.params("frame", ConsoleRoutes.frame(ctx, "案件 " + f.id, "case"), "f", f,
                    "districtName", Views.districtName(r.c.registry(), f.district), "forms", forms, "mayAct", mayAct, "dismantle", dismantle,
                    "interim", interim, "history", history, "docs", docs, "deadlines", deadlines, "evidence", evidence,
                    "now", LocalDateTime.ofInstant(r.c.clock().instant(), r.c.zone()).withSecond(0).withNano(0).toString(),
                    "timeZone", r.c.zone(), "by", p.name());
        }, m -> Pages.send(ctx, 200, "case.jte", m));
    }

    private static CaseEvent find(CaseFile f, ActionType a, String item) {
        for (CaseEvent e : f.history()) if (e.action() == a && (item == null || item.equals(e.text("item")))) return e;
        return null;
    }

    private static Deadline deadline(String zh, LocalDate date, LocalDate today, boolean overdue) {
        long left = 0;
        for (LocalDate d = today.plusDays(1); !d.isAfter(date) && left < 1000; d = d.plusDays(1)) if (WorkingCalendar.current().isWorkingDay(d)) left++;
        return new Deadline(zh, date.toString(), date.isBefore(today) ? -1 : left, overdue || date.isBefore(today));
    }

    /** The form for an allowed action: its own fields (ActionType.required), choices where the rules decide by value. */
    private static ActionForm form(AllowedActions.Option o) {
        List<Field> fields = new ArrayList<>();
        ActionType a = o.action();
        for (String req : a.required) {
            switch (req) {
                case "months" -> fields.add(new Field("months", "延期月数", "select", o.choices().stream().map(m -> new String[] {m, m + " 个月"}).toList()));
                case "item" -> fields.add(new Field("item", "拆除项目", "select", o.choices().stream()
                        .map(i -> new String[] {i, DismantleItem.valueOf(i).zh}).toList()));
                case "date" -> fields.add(new Field("date", "公告日期", "date", List.of()));
                case "url" -> fields.add(new Field("url", "公告网址", "url", List.of()));
                default -> fields.add(new Field(req, req, "text", List.of()));
            }
        }
        if (a == ActionType.CONFIRM_VIOLATION) fields.add(new Field("ditiaogang", "认定为地条钢", "checkbox", List.of()));
        if (a == ActionType.DISMANTLE_ITEM) fields.add(new Field("notPresent", "现场无此设备", "checkbox", List.of()));
        return new ActionForm(a.name(), a.zh, fields);
    }

    /** "Now" for an action left undated, in whole seconds (as the API reads times) and never before the case's last action. */
    private java.time.Instant nowAfter(java.time.Instant last) {
        java.time.Instant now = r.c.clock().instant();
        if (last != null && now.isBefore(last)) now = last;
        java.time.Instant whole = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return whole.equals(now) ? whole : whole.plusSeconds(1);
    }

    private void handleAct(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        Principal who = p.principal();
        String id = ctx.pathParam("id");
        var form = ctx.request().formAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        for (String name : form.names()) {
            if (name.equals("_csrf")) continue;
            String v = form.get(name);
            if (v == null || v.isBlank()) continue;
            body.put(name, v.strip());
        }
        String back = "/cases/" + ConsoleRoutes.enc(id);
        try {
            String at = (String) body.get("at");
            if (at != null) body.put("at", LocalDateTime.parse(at).atZone(r.c.zone()).toOffsetDateTime().toString());
        } catch (DateTimeParseException e) {
            Pages.redirect(ctx, back + "?err=" + ConsoleRoutes.enc("时间格式错误 (bad time)"));
            return;
        }
        if (body.get("months") instanceof String m) body.put("months", m.matches("\\d{1,2}") ? Integer.parseInt(m) : m);
        for (String flag : List.of("ditiaogang", "notPresent")) if (body.containsKey(flag)) body.put(flag, true);
        r.work(ctx, () -> {
            try {
                if (!body.containsKey("at")) body.put("at", nowAfter(r.c.cases().get(id, who::canSee).lastAt()).toString());
                ActionRequest req = ActionRequest.parse(body, p.name());
                CaseFile f = r.c.cases().act(id, req, who.actor(), who::canSee);
                return back + "?ok=" + ConsoleRoutes.enc("已记录：" + req.action().zh + " → " + f.state().zh);
            } catch (CaseService.NotFound e) {
                throw new ConsoleRoutes.NotFound(e.getMessage());
            } catch (RuleViolation e) {
                return back + "?err=" + ConsoleRoutes.enc(e.getMessage());
            } catch (ActionRequest.Invalid | CaseService.Conflict e) {
                return back + "?err=" + ConsoleRoutes.enc(e.getMessage());
            }
        }, location -> Pages.redirect(ctx, location));
    }
}
