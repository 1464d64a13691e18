package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.cases.ActionRequest;
import org.furnacewatch.cases.CaseEvent;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.CaseState;
import org.furnacewatch.cases.Channel;
import org.furnacewatch.cases.Departments;
import org.furnacewatch.cases.Dimension;
import org.furnacewatch.cases.DismantleItem;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.cases.Evidence;
import org.furnacewatch.cases.RuleViolation;
import org.furnacewatch.cases.Sheet;
import org.furnacewatch.cases.Source;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.registry.InvalidRecord;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Compliance cases: {@code POST/GET /api/v1/cases}, {@code GET /api/v1/cases/{id}}, {@code POST /api/v1/cases/{id}/actions},
 * evidence, documents and the per-district departments. Handlers parse and answer; the rules live in
 * {@link org.furnacewatch.cases.CaseRules}.
 */
final class CaseRoutes {
    private final Vertx vertx;
    private final CaseService cases;
    private final Documents documents;
    private final ZoneId zone;

    private final Related related;

    CaseRoutes(Vertx vertx, CaseService cases, Documents documents, ZoneId zone, Related related) {
        this.related = related;
        this.vertx = vertx;
        this.cases = cases;
        this.documents = documents;
        this.zone = zone;
    }

    // ---- visibility: a district sees its own; a city office (a district token whose code is a parent) its districts --

    static Predicate<String> visible(CaseService cases, Principal who) {
        if (who.role() != Role.DISTRICT) return d -> who.role() == Role.ADMIN || who.role() == Role.ANALYST;
        List<String> mine = cases.districtAndChildren(who.district());
        return d -> who.canSee(d) || mine.contains(d);
    }

    /** The districts a list or report covers: the filters within what the caller may see; null = every district. */
    static List<String> scope(CaseService cases, Principal who, String district, String city) {
        Predicate<String> can = visible(cases, who);
        List<String> out;
        if (district != null) out = List.of(district);
        else if (city != null) out = cases.districtAndChildren(city);
        else if (who.role() == Role.DISTRICT) out = cases.districtAndChildren(who.district());
        else return null;
        List<String> allowed = out.stream().filter(can).toList();
        if (allowed.isEmpty()) throw new CaseService.NotFound("区县不存在 (no such district)");
        return allowed;
    }

    // ---- handlers --------------------------------------------------------------------------------------------------

    void handleOpenCase(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        CaseService.OpenRequest r;
        try {
            r = openRequest(body, who);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        run(ctx, () -> cases.open(r, who.actor(), visible(cases, who)), f -> Http.json(ctx, 201, toJson(f, true, null)));
    }

    private CaseService.OpenRequest openRequest(JsonObject body, Principal who) {
        Object ent = body.getValue("enterprise");
        if (ent != null && !(ent instanceof String)) throw new ActionRequest.Invalid("enterprise", "enterprise 须为统一社会信用代码文本");
        String enterprise = (String) ent;
        Source source = Source.parse(body.getValue("source") instanceof String s ? s : null);
        if (source == null) throw new ActionRequest.Invalid("source", "source 须为 ALERT、TIP_OFF 或 INSPECTION");
        CaseService.Site site = withSiteRef(site(body.getValue("site")));
        if (enterprise == null && site == null)
            throw new ActionRequest.Invalid("enterprise", "enterprise 缺失 (required): 统一社会信用代码；举报或巡查未登记的场所时给 site（address、district）");
        if (site != null && source == Source.ALERT) throw new ActionRequest.Invalid("site", "告警案件针对已登记企业，不带 site");
        Object ch = body.getValue("channel");
        Channel channel = ch == null ? null : Channel.parse(ch instanceof String s ? s : null);
        if (ch != null && channel == null) throw new ActionRequest.Invalid("channel", "channel 须为 " + List.of(Channel.values()));
        if (channel != null && source != Source.TIP_OFF) throw new ActionRequest.Invalid("channel", "只有举报 (TIP_OFF) 带 channel");
        CaseService.Reporter reporter = reporter(body.getValue("reporter"));
        if (reporter != null && source != Source.TIP_OFF) throw new ActionRequest.Invalid("reporter", "只有举报 (TIP_OFF) 带 reporter");
        Object mining = body.getValue("mining");
        if (mining != null && !(mining instanceof Boolean)) throw new ActionRequest.Invalid("mining", "mining 须为 true/false");
        String alertId = body.getValue("alertId") instanceof String s ? s : null;
        if (source == Source.ALERT && alertId == null) throw new ActionRequest.Invalid("alertId", "source 为 ALERT 时须给 alertId");
        if (source != Source.ALERT && alertId != null) throw new ActionRequest.Invalid("alertId", "只有 source 为 ALERT 的案件带 alertId");
        List<Dimension> dims = new ArrayList<>();
        Object one = body.getValue("dimension");
        Object many = body.getValue("dimensions");
        if (one != null) dims.add(dimension(one, "dimension"));
        if (many instanceof JsonArray arr) for (Object o : arr) dims.add(dimension(o, "dimensions"));
        else if (many != null) throw new ActionRequest.Invalid("dimensions", "dimensions 须为数组");
        Object dtg = body.getValue("ditiaogang");
        if (dtg != null && !(dtg instanceof Boolean)) throw new ActionRequest.Invalid("ditiaogang", "ditiaogang 须为 true/false");
        boolean ditiaogang = Boolean.TRUE.equals(dtg);
        if (dims.isEmpty() && !ditiaogang && !Boolean.TRUE.equals(mining)) throw new ActionRequest.Invalid("dimension", "dimension 缺失：ENERGY、ENVIRONMENT、QUALITY、SAFETY 或 TECHNOLOGY");
        Instant at = body.getValue("at") == null ? null : ActionRequestAccess.instant(body.getValue("at"));
        String by = body.getValue("by") instanceof String s && !s.isBlank() ? s : who.name();
        Object note = body.getValue("note");
        if (note != null && !(note instanceof String)) throw new ActionRequest.Invalid("note", "note 须为文本");
        return new CaseService.OpenRequest(enterprise, source, alertId, dims, ditiaogang, at, by, (String) note, site, channel, reporter,
                Boolean.TRUE.equals(mining));
    }

    /** {@code site}: {"address": "...", "district": "500102", "ref": "..."} (ref: a registered site's id, when known). */
    private static CaseService.Site site(Object v) {
        if (v == null) return null;
        if (!(v instanceof JsonObject o)) throw new ActionRequest.Invalid("site", "site 须为对象 {address, district}");
        String address = shortText(o.getValue("address"), "site.address", 500);
        if (address == null) throw new ActionRequest.Invalid("site.address", "site.address 缺失 (required): 场所地址");
        String district = shortText(o.getValue("district"), "site.district", 6);
        if (district == null || !org.furnacewatch.registry.Codes.isDistrictCode(district))
            throw new ActionRequest.Invalid("site.district", "site.district 须为六位行政区划代码");
        return new CaseService.Site(address, district, shortText(o.getValue("ref"), "site.ref", 100));
    }

    /** A tip-off's address that matches a known site (issue 10) carries that site's id as its {@code ref}. */
    private CaseService.Site withSiteRef(CaseService.Site site) {
        if (site == null || site.ref() != null || related == null) return site;
        Long id = related.siteOf(site.district(), site.address());
        return id == null ? site : new CaseService.Site(site.address(), site.district(), String.valueOf(id));
    }

    /** {@code reporter}: {"anonymous": true} or {"name": "...", "phone": "..."}. */
    private static CaseService.Reporter reporter(Object v) {
        if (v == null) return null;
        if (!(v instanceof JsonObject o)) throw new ActionRequest.Invalid("reporter", "reporter 须为对象");
        Object anon = o.getValue("anonymous");
        if (anon != null && !(anon instanceof Boolean)) throw new ActionRequest.Invalid("reporter.anonymous", "reporter.anonymous 须为 true/false");
        java.util.Map<String, Object> contact = new java.util.LinkedHashMap<>();
        for (String k : List.of("name", "phone", "email", "address")) {
            String t = shortText(o.getValue(k), "reporter." + k, 200);
            if (t != null) contact.put(k, t);
        }
        boolean anonymous = Boolean.TRUE.equals(anon) || contact.isEmpty();
        return new CaseService.Reporter(anonymous, anonymous ? java.util.Map.of() : contact);
    }

    private static String shortText(Object v, String field, int max) {
        if (v == null) return null;
        if (!(v instanceof String s)) throw new ActionRequest.Invalid(field, field + " 须为文本");
        if (s.isBlank()) return null;
        if (s.length() > max || org.furnacewatch.codec.Text.hasControl(s)) throw new ActionRequest.Invalid(field, field + " 过长或含控制字符");
        return s.trim();
    }

    private static Dimension dimension(Object o, String field) {
        Dimension d = Dimension.parse(o instanceof String s ? s : null);
        if (d == null) throw new ActionRequest.Invalid(field, field + " 须为 ENERGY、ENVIRONMENT、QUALITY、SAFETY 或 TECHNOLOGY: " + o);
        return d;
    }

    void handleAct(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        ActionRequest r;
        try {
            r = ActionRequest.parse(body.getMap(), who.name());
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        String id = ctx.pathParam("id");
        run(ctx, () -> cases.act(id, r, who.actor(), visible(cases, who)), f -> Http.json(ctx, 200, toJson(f, true, null)));
    }

    void handleGetCase(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        run(ctx, () -> {
            CaseFile f = cases.get(id, visible(cases, who));
            JsonObject o = toJson(f, true, cases.alertOutcome(f));
            if (related != null && f.enterprise != null) o.put("related", related.of(f.enterprise, java.time.Instant.now().getEpochSecond(), who));
            // the reporter's contact is confidential: only the handling district sees it (not the city, not analysts)
            if (who.role() == Role.DISTRICT && f.district.equals(who.district())) {
                java.util.Map<String, Object> rep = cases.reporter(f.id);
                if (rep != null) o.put("reporter", new JsonObject(rep));
            }
            return o;
        }, o -> Http.json(ctx, 200, o));
    }

    void handleListCases(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        String state = q.get("state");
        if (state != null && CaseState.parse(state) == null) {
            Http.error(ctx, 400, "state", "state 须为 " + List.of(CaseState.values()));
            return;
        }
        String overdue = q.get("overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            Http.error(ctx, 400, "overdue", "overdue 须为 true 或 false");
            return;
        }
        run(ctx, () -> {
            List<String> scope = scope(cases, who, q.get("district"), q.get("city"));
            LocalDate today = cases.today();
            JsonArray out = new JsonArray();
            for (CaseFile f : cases.find(scope, state, q.get("enterprise"))) {
                if (overdue != null && f.overdue(today) != Boolean.parseBoolean(overdue)) continue;
                out.add(toJson(f, false, null));
            }
            return out;
        }, a -> Http.json(ctx, 200, a));
    }

    void handleAddEvidence(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        List<FileUpload> uploads = ctx.fileUploads();
        String note = ctx.request().getParam("note");
        run(ctx, () -> {
            byte[] content;
            String name;
            String type;
            if (!uploads.isEmpty()) {
                FileUpload u = uploads.getFirst();
                content = vertx.fileSystem().readFileBlocking(u.uploadedFileName()).getBytes();
                name = u.fileName();
                type = u.contentType();
            } else {
                content = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
                name = ctx.request().getParam("filename");
                if (name == null) name = ctx.request().getHeader("X-Filename");
                type = ctx.request().getHeader("Content-Type");
            }
            if (content.length == 0) throw new ActionRequest.Invalid("body", "证据文件为空 (empty evidence file)");
            if (name != null && (org.furnacewatch.codec.Text.hasControl(name) || name.length() > 255))
                throw new ActionRequest.Invalid("filename", "文件名含控制字符或过长 (a control character in the file name, or over 255 characters)");
            if (type != null && (org.furnacewatch.codec.Text.hasControl(type) || type.length() > 255))
                throw new ActionRequest.Invalid("Content-Type", "Content-Type 含控制字符或过长");
            if (name == null || name.isBlank()) name = "evidence.bin";
            if (type == null || type.isBlank()) type = "application/octet-stream";
            return evidenceJson(cases.addEvidence(id, name, type, content, note, who.actor(), visible(cases, who)));
        }, o -> Http.json(ctx, 201, o));
    }

    void handleListEvidence(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        run(ctx, () -> {
            JsonArray out = new JsonArray();
            for (Evidence e : cases.evidence(id, visible(cases, who))) out.add(evidenceJson(e));
            return out;
        }, a -> Http.json(ctx, 200, a));
    }

    void handleGetEvidence(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        String eid = ctx.pathParam("evidenceId");
        run(ctx, () -> cases.evidenceFile(id, eid, visible(cases, who)), e -> ctx.response()
                .putHeader("Content-Type", e.contentType())
                .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(e.filename(), StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader("X-Content-SHA256", e.sha256())
                .end(io.vertx.core.buffer.Buffer.buffer(e.content())));
    }

    void handleDocument(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        String type = ctx.pathParam("type");
        String format = ctx.request().getParam("format", "html");
        if (!format.equals("html") && !format.equals("csv")) {
            Http.error(ctx, 400, "format", "format 须为 html 或 csv");
            return;
        }
        run(ctx, () -> documents.caseDocument(cases.get(id, visible(cases, who)), type), s -> sendSheet(ctx, s, format, id + "-" + type));
    }

    void handleGetDepartments(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String code = ctx.pathParam("code");
        run(ctx, () -> {
            if (cases.registry().district(code) == null || !visible(cases, who).test(code)) throw new CaseService.NotFound("区县不存在 (no such district)");
            return departmentsJson(code);
        }, o -> Http.json(ctx, 200, o));
    }

    void handlePutDepartments(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String code = ctx.pathParam("code");
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        Map<Dimension, Departments> changes = new EnumMap<>(Dimension.class);
        Integer months;
        try {
            JsonObject depts = body.getJsonObject("departments", new JsonObject());
            for (String k : depts.fieldNames()) {
                Dimension d = dimension(k, "departments");
                JsonObject o = depts.getJsonObject(k);
                String lead = o == null ? null : o.getString("lead");
                if (lead == null || lead.isBlank()) throw new ActionRequest.Invalid("departments." + k + ".lead", "lead 缺失 (required)");
                List<String> coop = new ArrayList<>();
                for (Object c : o.getJsonArray("cooperating", new JsonArray())) coop.add(String.valueOf(c));
                changes.put(d, new Departments(lead, coop));
            }
            months = body.getInteger("dismantleMonths");
            if (months != null && (months < 1 || months > 24)) throw new ActionRequest.Invalid("dismantleMonths", "dismantleMonths 须在 1..24 之间");
        } catch (ClassCastException e) {
            Http.error(ctx, 400, "departments", "departments 格式不对 (malformed)");
            return;
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        run(ctx, () -> {
            if (cases.registry().district(code) == null || !visible(cases, who).test(code)) throw new CaseService.NotFound("区县不存在 (no such district)");
            cases.putDepartments(code, changes, months, who.actor());
            return departmentsJson(code);
        }, o -> Http.json(ctx, 200, o));
    }

    private JsonObject departmentsJson(String code) throws SQLException {
        JsonObject d = new JsonObject();
        for (var e : cases.departments(code).entrySet()) {
            d.put(e.getKey().name(), new JsonObject().put("lead", e.getValue().lead()).put("cooperating", new JsonArray(e.getValue().cooperating())));
        }
        return new JsonObject().put("district", code).put("departments", d).put("dismantleMonths", cases.dismantleMonths(code));
    }

    // ---- JSON ------------------------------------------------------------------------------------------------------

    JsonObject toJson(CaseFile f, boolean withHistory, String alertOutcome) {
        LocalDate today = cases.today();
        JsonArray dismantled = new JsonArray();
        for (var e : f.dismantled().entrySet()) {
            dismantled.add(new JsonObject().put("item", e.getKey().name()).put("zh", e.getKey().zh).put("notPresent", e.getValue()));
        }
        JsonArray pending = new JsonArray();
        for (DismantleItem i : DismantleItem.values()) if (!f.dismantled().containsKey(i)) pending.add(i.name());
        JsonObject o = new JsonObject()
                .put("id", f.id).put("enterprise", f.enterprise).put("enterpriseName", f.enterpriseName).put("district", f.district)
                .put("source", f.source.name()).put("alertId", f.alertId)
                .put("dimension", f.dimensions.getFirst().name())
                .put("dimensions", new JsonArray(f.dimensions.stream().map(Enum::name).toList()))
                .put("ditiaogang", f.ditiaogang()).put("state", f.state().name()).put("stateZh", f.state().zh)
                .put("openedAt", ts(f.openedAt())).put("closedAt", ts(f.closedAt()))
                .put("leadDepartment", f.lead).put("cooperatingDepartments", new JsonArray(f.cooperating))
                .put("site", f.siteAddress() == null ? null : new JsonObject().put("address", f.siteAddress()).put("ref", f.siteRef()))
                .put("channel", f.channel()).put("mining", f.mining())
                .put("deadlines", new JsonObject()
                        .put("verification", str(f.verificationDeadline()))
                        .put("rectification", str(f.rectificationDeadline()))
                        .put("extensionUsed", f.extensionUsed())
                        .put("dismantle", str(f.dismantleDeadline()))
                        .put("current", str(f.currentDeadline())).put("currentKind", f.currentDeadlineKind()))
                .put("overdue", f.overdue(today))
                .put("yellowList", f.onYellowList()).put("redList", f.onRedList())
                .put("dismantled", dismantled).put("dismantlingPending", pending)
                .put("measures", new JsonArray(f.done().stream().map(Enum::name).toList()));
        if (alertOutcome != null) o.put("alertOutcome", alertOutcome);
        if (withHistory) {
            JsonArray h = new JsonArray();
            for (CaseEvent e : f.history()) {
                JsonObject ev = new JsonObject().put("seq", e.seq()).put("action", e.action().name()).put("actionZh", e.action().zh)
                        .put("at", ts(e.at())).put("by", e.by()).put("note", e.note())
                        .put("stateAfter", e.stateAfter().name()).put("recordedAt", ts(e.recordedAt())).put("recordedBy", e.recordedBy());
                for (var d : e.detail().entrySet()) ev.put(d.getKey(), d.getValue() instanceof List<?> l ? new JsonArray(new ArrayList<>(l)) : d.getValue());
                h.add(ev);
            }
            o.put("history", h);
        }
        return o;
    }

    private JsonObject evidenceJson(Evidence e) {
        return new JsonObject().put("id", e.id()).put("caseId", e.caseId()).put("filename", e.filename()).put("contentType", e.contentType())
                .put("size", e.size()).put("sha256", e.sha256()).put("note", e.note()).put("uploadedAt", ts(e.uploadedAt()))
                .put("uploadedBy", e.uploadedBy());
    }

    private String ts(Instant t) {
        return t == null ? null : Timestamps.format(t.getEpochSecond(), zone);
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }

    // ---- plumbing shared with lists and reports --------------------------------------------------------------------

    static void sendSheet(RoutingContext ctx, Sheet s, String format, String filename) {
        if ("csv".equals(format)) {
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"").end(s.csv());
        } else {
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(s.html());
        }
    }

    <T> void run(RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> answer) {
        run(vertx, ctx, work, answer);
    }

    static <T> void run(Vertx vertx, RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> answer) {
        Blocking.run(vertx, work).onSuccess(answer::accept).onFailure(e -> fail(ctx, e));
    }

    static void fail(RoutingContext ctx, Throwable e) {
        Http.fail(ctx, e);
    }

    /** Reads an ISO-8601 time the way actions do. */
    private static final class ActionRequestAccess {
        static Instant instant(Object v) {
            try {
                return org.furnacewatch.ingest.Timestamps.instant("at", v);
            } catch (org.furnacewatch.codec.BadInput e) {
                throw new ActionRequest.Invalid("at", e.getMessage());
            }
        }
    }
}
