package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.cases.ActionRequest;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Dimension;
import org.furnacewatch.codec.BadInput;
import org.furnacewatch.codec.Text;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.inspect.Draw;
import org.furnacewatch.inspect.Inspections;
import org.furnacewatch.inspect.Plan;
import org.furnacewatch.inspect.PlanKind;
import org.furnacewatch.inspect.PlanSheet;
import org.furnacewatch.registry.Codes;
import org.furnacewatch.registry.District;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;

/**
 * Inspection planning (issue 11): a district's inspectors, drawing a plan (巡查 or 双随机), the published plan with its
 * results as JSON, CSV or a printable page (一公开), its verification, and each check's result. Visibility as for cases:
 * a district its own, a city what lies below it, a feed nothing.
 */
public final class InspectionRoutes implements ApiServer.Routes {
    private static final Pattern SEED = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final Pattern INSPECTOR_ID = Pattern.compile("[0-9A-Za-z_-]{1,40}");
    private final Vertx vertx;
    private final CaseService cases;
    private final Inspections inspections;
    private final ZoneId zone;

    public InspectionRoutes(Vertx vertx, CaseService cases, Inspections inspections, ZoneId zone) {
        this.vertx = vertx;
        this.cases = cases;
        this.inspections = inspections;
        this.zone = zone;
    }

    @Override
    public void mount(Router router, Auth auth) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1L << 20);
        router.get("/api/v1/districts/:code/inspectors").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleGetInspectors);
        router.put("/api/v1/districts/:code/inspectors").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(this::handlePutInspectors);
        router.post("/api/v1/inspections/plans").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(this::handleDraw);
        router.get("/api/v1/inspections/plans").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleListPlans);
        router.get("/api/v1/inspections/plans/:id").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleGetPlan);
        router.get("/api/v1/inspections/plans/:id/verify").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleVerify);
        router.post("/api/v1/inspections/plans/:id/checks/:seq/result").handler(body).handler(auth.allow(ADMIN, DISTRICT))
                .handler(this::handleRecordResult);
    }

    // ---- inspectors ------------------------------------------------------------------------------------------------

    private void handleGetInspectors(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String code = ctx.pathParam("code");
        CaseRoutes.run(vertx, ctx, () -> {
            district(code, who);
            JsonArray out = new JsonArray();
            for (Plan.Inspector i : inspections.inspectors(code)) out.add(json(i));
            return new JsonObject().put("district", code).put("inspectors", out);
        }, o -> Http.json(ctx, 200, o));
    }

    private void handlePutInspectors(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String code = ctx.pathParam("code");
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        List<Plan.Inspector> list = new ArrayList<>();
        try {
            if (!(body.getValue("inspectors") instanceof JsonArray arr)) throw new BadInput("inspectors", "inspectors 缺失：执法检查人员数组 [{id, name, unit?, active?}]");
            if (arr.size() > 5000) throw new BadInput("inspectors", "inspectors 至多 5000 名");
            HashSet<String> seen = new HashSet<>();
            for (int n = 0; n < arr.size(); n++) {
                String f = "inspectors[" + n + "]";
                if (!(arr.getValue(n) instanceof JsonObject o)) throw new BadInput(f, f + " 须为对象 {id, name}");
                String id = o.getValue("id") instanceof String s && INSPECTOR_ID.matcher(s).matches() ? s : null;
                if (id == null) throw new BadInput(f + ".id", f + ".id 须为 1-40 位字母、数字、- 或 _（执法证号或工号）");
                if (!seen.add(id)) throw new BadInput(f + ".id", "执法人员编号重复：" + id);
                String name = text(o.getValue("name"), f + ".name", 100, true);
                String unit = text(o.getValue("unit"), f + ".unit", 200, false);
                Object active = o.getValue("active");
                if (active != null && !(active instanceof Boolean)) throw new BadInput(f + ".active", f + ".active 须为 true/false");
                list.add(new Plan.Inspector(id, name, unit, !Boolean.FALSE.equals(active)));
            }
        } catch (BadInput e) {
            Http.fail(ctx, e);
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> {
            district(code, who);
            inspections.putInspectors(code, list, who.actor());
            JsonArray out = new JsonArray();
            for (Plan.Inspector i : inspections.inspectors(code)) out.add(json(i));
            return new JsonObject().put("district", code).put("inspectors", out);
        }, o -> Http.json(ctx, 200, o));
    }

    // ---- plans -----------------------------------------------------------------------------------------------------

    private void handleDraw(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        Inspections.DrawRequest r;
        try {
            r = drawRequest(body);
        } catch (BadInput e) {
            Http.fail(ctx, e);
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> inspections.draw(r, who.actor(), CaseRoutes.visible(cases, who)), p -> Http.json(ctx, 201, json(p)));
    }

    private static Inspections.DrawRequest drawRequest(JsonObject b) {
        String district = b.getValue("district") instanceof String s && Codes.isDistrictCode(s) ? s : null;
        if (district == null) throw new BadInput("district", "district 须为六位行政区划代码 (the district to draw from)");
        PlanKind kind = PlanKind.parse(b.getValue("kind") instanceof String s ? s : null);
        if (kind == null) throw new BadInput("kind", "kind 须为 PATROL（“地条钢”巡查）或 RANDOM（“双随机、一公开”抽查）");
        String title = text(b.getValue("title"), "title", 200, false);
        Object s = b.getValue("seed");
        String seed = s == null ? null : s instanceof String t ? t : s instanceof Integer || s instanceof Long ? String.valueOf(s) : "";
        if (seed != null && !SEED.matcher(seed).matches()) throw new BadInput("seed", "seed 须为 1-64 位字母、数字、- 或 _（不给则随机生成并记录）");
        Double rate = null;
        if (b.getValue("rate") != null) {
            if (!(b.getValue("rate") instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) throw new BadInput("rate", "rate 须为 0..1 的抽查比例");
            rate = n.doubleValue();
        }
        Integer count = null;
        if (b.getValue("count") != null) {
            if (!(b.getValue("count") instanceof Integer n) || n < 0 || n > 100_000) throw new BadInput("count", "count 须为 0..100000 的整数");
            count = n;
        }
        if (rate != null && count != null) throw new BadInput("count", "rate 与 count 只能给一个");
        List<String> industries = new ArrayList<>();
        if (b.getValue("industries") != null) {
            if (!(b.getValue("industries") instanceof JsonArray arr) || arr.size() > 100) throw new BadInput("industries", "industries 须为 GB/T 4754 行业代码（或其前缀）数组");
            for (Object o : arr) {
                if (!(o instanceof String code) || !code.matches("\\d{2,4}")) throw new BadInput("industries", "industries 的每项须为 2-4 位 GB/T 4754 行业代码或前缀");
                industries.add(code);
            }
        }
        Integer per = null;
        if (b.getValue("inspectorsPerCheck") != null) {
            if (!(b.getValue("inspectorsPerCheck") instanceof Integer n) || n < Inspections.MIN_INSPECTORS_PER_CHECK || n > 10)
                throw new BadInput("inspectorsPerCheck", "inspectorsPerCheck 须为 2..10：执法人员不得少于两人（行政处罚法第四十二条）");
            per = n;
        }
        LocalDate due = null;
        if (b.getValue("due") != null) {
            try {
                due = LocalDate.parse(b.getValue("due") instanceof String d ? d : "");
            } catch (DateTimeParseException e) {
                throw new BadInput("due", "due 须为日期 YYYY-MM-DD（检查期限）");
            }
        }
        return new Inspections.DrawRequest(district, kind, title, seed, rate, count, industries, per, due);
    }

    private void handleListPlans(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        CaseRoutes.run(vertx, ctx, () -> {
            for (String c : new String[] {q.get("district"), q.get("city")}) {
                if (c != null && cases.registry().district(c) == null) throw new CaseService.NotFound("区县不存在 (no such district)");
            }
            List<String> scope = CaseRoutes.scope(cases, who, q.get("district"), q.get("city"));
            List<String> districts = scope != null ? scope : cases.registry().districts().stream().map(District::code).toList();
            JsonArray out = new JsonArray();
            for (Plan p : inspections.plans(districts)) out.add(summary(p));
            return out;
        }, a -> Http.json(ctx, 200, a));
    }

    private void handleGetPlan(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String format = ctx.request().getParam("format", "json");
        if (!List.of("json", "csv", "html").contains(format)) {
            Http.error(ctx, 400, "format", "format 须为 json、csv 或 html");
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> inspections.plan(ctx.pathParam("id"), CaseRoutes.visible(cases, who)), p -> {
            if (format.equals("json")) Http.json(ctx, 200, json(p));
            else CaseRoutes.sendSheet(ctx, PlanSheet.of(p, districtName(p.district()), zone), format, p.id());
        });
    }

    private void handleVerify(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        CaseRoutes.run(vertx, ctx, () -> {
            Plan p = inspections.plan(ctx.pathParam("id"), CaseRoutes.visible(cases, who));
            Inspections.Verification v = Inspections.verify(p);
            return new JsonObject().put("plan", p.id()).put("seed", p.seed()).put("method", p.method()).put("reproduced", v.reproduced())
                    .put("checks", v.checks()).put("differences", new JsonArray(v.differences()));
        }, o -> Http.json(ctx, 200, o));
    }

    private void handleRecordResult(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        int seq;
        Inspections.Result r;
        try {
            seq = Integer.parseInt(ctx.pathParam("seq"));
            r = result(body, who);
        } catch (NumberFormatException e) {
            Http.error(ctx, 404, "检查不存在 (no such check)");
            return;
        } catch (BadInput | ActionRequest.Invalid e) {
            Http.fail(ctx, e);
            return;
        }
        CaseRoutes.run(vertx, ctx, () -> inspections.record(ctx.pathParam("id"), seq, r, who.actor(), CaseRoutes.visible(cases, who)),
                c -> Http.json(ctx, 200, json(c)));
    }

    private static Inspections.Result result(JsonObject b, Principal who) {
        String result = b.getValue("result") instanceof String s ? s : null;
        if (!"NO_PROBLEM".equals(result) && !"PROBLEM_FOUND".equals(result))
            throw new BadInput("result", "result 须为 NO_PROBLEM（未发现问题）或 PROBLEM_FOUND（发现问题，立案）");
        boolean problem = result.equals("PROBLEM_FOUND");
        Instant at = null;
        if (b.getValue("at") != null) {
            try {
                at = Timestamps.instant("at", b.getValue("at"));
            } catch (BadInput e) {
                throw new BadInput("at", e.getMessage());
            }
        }
        String by = text(b.getValue("by"), "by", 200, false);
        String note = text(b.getValue("note"), "note", 4000, false);
        List<Dimension> dims = new ArrayList<>();
        if (b.getValue("dimension") != null) {
            Dimension d = Dimension.parse(b.getValue("dimension") instanceof String s ? s : null);
            if (d == null) throw new BadInput("dimension", "dimension 须为 ENERGY、ENVIRONMENT、QUALITY、SAFETY 或 TECHNOLOGY");
            dims.add(d);
        }
        Object dtg = b.getValue("ditiaogang");
        if (dtg != null && !(dtg instanceof Boolean)) throw new BadInput("ditiaogang", "ditiaogang 须为 true/false");
        boolean ditiaogang = Boolean.TRUE.equals(dtg);
        if (!problem && (!dims.isEmpty() || ditiaogang)) throw new BadInput("dimension", "未发现问题 (NO_PROBLEM) 不带 dimension 或 ditiaogang");
        if (problem && dims.isEmpty() && !ditiaogang)
            throw new BadInput("dimension", "发现问题须给 dimension（ENERGY、ENVIRONMENT、QUALITY、SAFETY、TECHNOLOGY）或 ditiaogang: true，以立案");
        return new Inspections.Result(problem, at, by == null ? who.name() : by, note, dims, ditiaogang);
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private void district(String code, Principal who) {
        if (cases.registry().district(code) == null || !CaseRoutes.visible(cases, who).test(code))
            throw new CaseService.NotFound("区县不存在 (no such district)");
    }

    private String districtName(String code) {
        District d = cases.registry().district(code);
        return d == null ? code : d.name();
    }

    private static String text(Object v, String field, int max, boolean required) {
        if (v == null) {
            if (required) throw new BadInput(field, field + " 缺失 (required)");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > max || Text.hasControl(s))
            throw new BadInput(field, field + " 须为 1-" + max + " 字的文本");
        return s;
    }

    private JsonObject summary(Plan p) {
        long done = p.checks().stream().filter(c -> !c.open()).count();
        long problems = p.checks().stream().filter(c -> "PROBLEM_FOUND".equals(c.result())).count();
        return new JsonObject().put("id", p.id()).put("district", p.district()).put("districtName", districtName(p.district()))
                .put("kind", p.kind().name()).put("kindZh", p.kind().zh).put("title", p.title()).put("seed", p.seed())
                .put("drawnAt", Timestamps.format(p.drawnAt().getEpochSecond(), zone)).put("due", p.due().toString())
                .put("populationSize", p.population().size()).put("checkCount", p.checks().size()).put("done", done).put("problems", problems);
    }

    private JsonObject json(Plan p) {
        JsonObject o = summary(p);
        o.put("method", p.method()).put("rate", p.rate()).put("count", p.count()).put("inspectorsPerCheck", p.inspectorsPerCheck())
                .put("industries", new JsonArray(p.industries()))
                .put("fullCoverage", new JsonArray(p.kind().fullCoverage.stream().map(Enum::name).toList()))
                .put("drawnBy", p.drawnBy());
        JsonArray population = new JsonArray();
        for (Draw.Candidate c : p.population())
            population.add(new JsonObject().put("enterprise", c.enterprise()).put("name", c.name()).put("stratum", c.stratum().name()));
        JsonArray inspectors = new JsonArray();
        for (Plan.Inspector i : p.inspectors()) inspectors.add(json(i));
        JsonArray checks = new JsonArray();
        for (Plan.Check c : p.checks()) checks.add(json(c));
        return o.put("population", population).put("inspectors", inspectors).put("checks", checks);
    }

    private JsonObject json(Plan.Check c) {
        return new JsonObject().put("seq", c.seq()).put("enterprise", c.enterprise()).put("name", c.name()).put("stratum", c.stratum().name())
                .put("stratumZh", c.stratum().zh).put("key", c.key()).put("inspectors", new JsonArray(c.inspectors())).put("due", c.due().toString())
                .put("result", c.result()).put("resultZh", PlanSheet.resultZh(c.result()))
                .put("resultAt", c.resultAt() == null ? null : Timestamps.format(c.resultAt().getEpochSecond(), zone))
                .put("resultBy", c.resultBy()).put("note", c.note()).put("caseId", c.caseId());
    }

    private static JsonObject json(Plan.Inspector i) {
        return new JsonObject().put("id", i.id()).put("name", i.name()).put("unit", i.unit()).put("active", i.active());
    }
}
