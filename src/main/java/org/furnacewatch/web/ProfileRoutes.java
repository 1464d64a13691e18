package org.furnacewatch.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.alert.Backtester;
import org.furnacewatch.alert.LabelStore;
import org.furnacewatch.alert.ProfileDocuments;
import org.furnacewatch.alert.ProfileStore;
import org.furnacewatch.registry.Registry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;

/**
 * Detection profiles, backtests and alert labels (issue 3).
 *
 * <pre>
 * GET   /api/v1/detection/profiles                 admin, analyst, district
 *   200 {"version":3,"changedBy":"analyst:x#7","changedAt":ISO,"reason":"...","document":{"version":3,
 *        "default":{...complete profile...},"industries":{"3391":{...}},"districts":{"500102":{...}}},"applies":"..."}
 * GET   /api/v1/detection/profiles/versions        admin, analyst, district; ?documents=true adds each document
 *   200 [{"version":3,"changedBy","changedAt","reason"}, ...] newest first
 * GET   /api/v1/detection/profiles/versions/{n}    admin, analyst, district: one version with its document; 404
 * PUT   /api/v1/detection/profiles                 admin, analyst: REPLACES the document
 *   {"default":{...},"industries":{...},"districts":{...},"reason":"...","baseVersion":3}
 *   missing "default" keys take the built-in default; a missing "industries"/"districts" means none.
 * PATCH /api/v1/detection/profiles                 admin, analyst: JSON merge patch (RFC 7396) of the current document
 *   {"industries":{"3391":{"furnace":{"licensedTolerance":1.6}}},"districts":{"500102":null},"reason":"..."}
 *   objects merge key by key, null removes a key (e.g. a whole override).
 *   Both answer 200 with the new version as GET does. Unknown keys, wrong types and out-of-range values are
 *   400 {"error","field":"industries.3391.furnace.licensedTolerance"}; "baseVersion" not current is 409.
 *   Every change is a new version row with an audit row. The live detector switches at once: it rebuilds its
 *   state from the stored readings of the last 35 days under the new version (GET /api/v1/detection/status
 *   shows pending > 0 until done) and judges readings processed after the change with it; findings the old
 *   version had already judged are not re-emitted.
 *
 * POST  /api/v1/backtests                          admin, analyst
 *   {"profile": 3 | {document as for PUT} | {"resurgence":{"enabled":false}} (a merge patch of the current
 *    document's "default"), "from":ISO, "to":ISO, "district":"500102" (optional), "warmupDays":0..60 (optional:
 *    readings before "from" teach baselines but fire nothing), "wait":0..55 (seconds to wait, default 25)}
 *   Replays stored readings with ts in (from - warmupDays, to] through a fresh engine; writes no alert, notifies
 *   nobody. 200 when done within "wait", else 202 {"id","state":"RUNNING","progress":0..1,...} and Location.
 *   Result: {"id","state":"DONE","profileVersion","readings","notified":false,"alertsWritten":0,
 *    "kinds":{"RESURGENCE":{"findings","alerts","confirmedLabels","falseLabels","labelledAlerts","truePositives",
 *             "falsePositives","confirmedMatched","precision","recall"},...every kind},
 *    "evaluation":{same counts over all kinds,"matchWindowHours":24,"definition"},
 *    "alerts":[{"enterprise","district","kind","firstTs","lastTs","score","summary","findings","labels":[...]}],
 *    "truncated":false}
 *   "alerts" are episodes: one per (enterprise, kind, firstTs), as the live service would open or extend.
 *   A backtest alert MATCHES a labelled alert of the same enterprise and kind when [firstTs - 24 h, lastTs + 24 h]
 *   overlaps the labelled alert's [firstTs, lastTs]. precision = alerts matching a CONFIRMED label / alerts
 *   matching any label (null if none); recall = CONFIRMED labels matched by some alert / CONFIRMED labels whose
 *   alert overlaps [from, to] (in the district, if given) (null if none).
 * GET   /api/v1/backtests/{id}                     admin, analyst: the same answer; 404 when unknown
 *
 * POST  /api/v1/alerts/{id}/label                  admin, analyst, district (own district; another's is 404)
 *   {"outcome":"CONFIRMED|FALSE","cause":"HOLIDAY|APPROVED_EXPANSION|METER_FAULT|ILLEGAL_MELTING|MINING|OTHER|...",
 *    "note":"..."} -> 200 {"alertId","outcome","cause","note","labelledBy","labelledAt"}; a new label replaces.
 * GET   /api/v1/alerts/{id}/label                  same roles: 200 the label, 404 when none
 * </pre>
 */
public final class ProfileRoutes implements ApiServer.Routes {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final Set<String> META = Set.of("reason", "baseVersion");
    static final String APPLIES = "applies to readings processed after this change: the live detector rebuilds its state "
            + "from the stored readings of the last 35 days under this version at once (detection status shows pending > 0 "
            + "until done); findings already judged under the previous version are not re-emitted";
    private static final Duration MAX_RANGE = Duration.ofDays(400);

    private final Vertx vertx;
    private final ProfileStore profiles;
    private final Backtester backtests;
    private final LabelStore labels;
    private final AlertStore alerts;
    private final Registry registry;
    private final ZoneId zone;

    public ProfileRoutes(Vertx vertx, ProfileStore profiles, Backtester backtests, LabelStore labels, AlertStore alerts,
                         Registry registry, ZoneId zone) {
        this.vertx = vertx;
        this.profiles = profiles;
        this.backtests = backtests;
        this.labels = labels;
        this.alerts = alerts;
        this.registry = registry;
        this.zone = zone;
    }

    @Override
    public void mount(Router router, Auth auth) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(4L << 20);
        router.get("/api/v1/detection/profiles").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleGet);
        router.put("/api/v1/detection/profiles").handler(body).handler(auth.allow(ADMIN, ANALYST)).handler(ctx -> handleChange(ctx, false));
        router.patch("/api/v1/detection/profiles").handler(body).handler(auth.allow(ADMIN, ANALYST)).handler(ctx -> handleChange(ctx, true));
        router.get("/api/v1/detection/profiles/versions").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleVersions);
        router.get("/api/v1/detection/profiles/versions/:version").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleVersion);
        router.post("/api/v1/backtests").handler(body).handler(auth.allow(ADMIN, ANALYST)).handler(this::handleBacktest);
        router.get("/api/v1/backtests/:id").handler(auth.allow(ADMIN, ANALYST)).handler(this::handleGetBacktest);
        router.post("/api/v1/alerts/:id/label").handler(body).handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleLabel);
        router.get("/api/v1/alerts/:id/label").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleGetLabel);
    }

    // ------------------------------------------------------------------ profiles

    private void handleGet(RoutingContext ctx) {
        Http.json(ctx, 200, toJson(profiles.current(), true));
    }

    private void handleVersions(RoutingContext ctx) {
        boolean docs = "true".equals(ctx.queryParams().get("documents"));
        Blocking.run(vertx, () -> profiles.versions(docs)).onSuccess(list -> {
            JsonArray out = new JsonArray();
            for (ProfileStore.Version v : list) out.add(toJson(v, docs));
            Http.json(ctx, 200, out);
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void handleVersion(RoutingContext ctx) {
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            Http.error(ctx, 404, "无此版本 (no such version)");
            return;
        }
        Blocking.run(vertx, () -> profiles.version(n)).onSuccess(v -> {
            if (v == null) Http.error(ctx, 404, "无此版本 (no such version)");
            else Http.json(ctx, 200, toJson(v, true));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void handleChange(RoutingContext ctx, boolean patch) {
        Map<String, Object> body = body(ctx);
        if (body == null) return;
        Object reason = body.get("reason");
        Object base = body.get("baseVersion");
        if (reason != null && !(reason instanceof String)) {
            Http.error(ctx, 400, "reason", "reason 须为字符串 (must be a string)");
            return;
        }
        if (base != null && !(base instanceof Integer)) {
            Http.error(ctx, 400, "baseVersion", "baseVersion 须为整数 (must be an integer)");
            return;
        }
        Map<String, Object> given = new LinkedHashMap<>(body);
        given.keySet().removeAll(META);
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> {
            Map<String, Object> doc = given;
            if (patch) {
                Map<String, Object> current = new LinkedHashMap<>(profiles.current().document());
                current.remove("version");
                doc = ProfileDocuments.mergePatch(current, given);
            }
            Map<String, Object> normalized = ProfileDocuments.normalize(doc);
            return profiles.save(normalized, (Integer) base, who.actor(), (String) reason);
        }).onSuccess(v -> Http.json(ctx, 200, toJson(v, true))).onFailure(e -> {
            if (e instanceof ProfileDocuments.Invalid i) Http.error(ctx, 400, i.field(), i.getMessage());
            else if (e instanceof ProfileStore.Conflict c) Http.error(ctx, 409, "baseVersion", c.getMessage());
            else Http.error(ctx, 503, "存储暂不可用 (store unavailable): " + e.getMessage());
        });
    }

    private JsonObject toJson(ProfileStore.Version v, boolean withDocument) {
        JsonObject o = new JsonObject().put("version", v.version()).put("changedBy", v.changedBy())
                .put("changedAt", OffsetDateTime.ofInstant(v.changedAt(), zone).toString()).put("reason", v.reason());
        if (withDocument && v.document() != null) o.put("document", new JsonObject(v.document()));
        if (withDocument && profiles.current() != null && v.version() == profiles.current().version()) o.put("applies", APPLIES);
        return o;
    }

    // ------------------------------------------------------------------ backtests

    private void handleBacktest(RoutingContext ctx) {
        Map<String, Object> body = body(ctx);
        if (body == null) return;
        for (String key : body.keySet()) {
            if (!List.of("profile", "from", "to", "district", "warmupDays", "wait").contains(key)) {
                Http.error(ctx, 400, key, "未知字段 (unknown field): " + key);
                return;
            }
        }
        OffsetDateTime from = time(ctx, body, "from"), to = from == null ? null : time(ctx, body, "to");
        if (from == null || to == null) return;
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            Http.error(ctx, 400, "to", "to 须晚于 from，且区间不超过 400 天 (to must be after from, at most 400 days)");
            return;
        }
        Object district = body.get("district");
        if (district != null && (!(district instanceof String d) || registry.district(d) == null)) {
            Http.error(ctx, 400, "district", "区县未登记 (unknown district): " + district);
            return;
        }
        int warmup = integer(body.get("warmupDays"), 0), wait = integer(body.get("wait"), 25);
        if (warmup < 0 || warmup > 60) {
            Http.error(ctx, 400, "warmupDays", "warmupDays 须为 0..60 的整数 (integer 0..60)");
            return;
        }
        if (wait < 0 || wait > 55) {
            Http.error(ctx, 400, "wait", "wait 须为 0..55 的整数秒 (integer seconds 0..55)");
            return;
        }
        Object profile = body.get("profile");
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> {
            Integer version = null;
            Map<String, Object> doc;
            Map<String, Object> echo = new LinkedHashMap<>();
            if (profile == null || profile instanceof Integer) {
                ProfileStore.Version v = profile == null ? profiles.current() : profiles.version((Integer) profile);
                if (v == null) throw new ProfileDocuments.Invalid("profile", "无此配置版本 (no such profile version): " + profile);
                version = v.version();
                doc = new LinkedHashMap<>(v.document());
                echo.put("profile", version);
            } else if (profile instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked") Map<String, Object> given = (Map<String, Object>) m;
                boolean document = given.containsKey("default") || given.containsKey("industries") || given.containsKey("districts");
                if (document) {
                    doc = given;
                } else {
                    doc = new LinkedHashMap<>(profiles.current().document());
                    @SuppressWarnings("unchecked") Map<String, Object> def = (Map<String, Object>) doc.get("default");
                    doc.put("default", ProfileDocuments.mergePatch(def, given));
                    echo.put("baseVersion", profiles.current().version());
                }
                echo.put("profile", given);
            } else {
                throw new ProfileDocuments.Invalid("profile", "profile 须为版本号或配置对象 (a version number or a profile object)");
            }
            doc.remove("version");
            Map<String, Object> normalized;
            try {
                normalized = ProfileDocuments.normalize(doc);
            } catch (ProfileDocuments.Invalid i) {
                throw new ProfileDocuments.Invalid("profile." + i.field(), i.getMessage());
            }
            echo.put("from", from.toString());
            echo.put("to", to.toString());
            echo.put("district", district);
            echo.put("warmupDays", warmup);
            Backtester.Request request = new Backtester.Request(ProfileDocuments.resolver(normalized), version,
                    from.toInstant(), to.toInstant(), (String) district, warmup, echo);
            Backtester.Job job = backtests.submit(request, who.actor());
            if (job != null) job.await(wait * 1000L);
            return job;
        }).onSuccess(job -> {
            if (job == null) {
                Http.error(ctx, 429, "同时运行的回测过多 (too many backtests running), max " + Backtester.MAX_ACTIVE);
                return;
            }
            Map<String, Object> answer = job.toMap();
            String state = String.valueOf(answer.get("state"));
            int status = state.equals("DONE") ? 200 : state.equals("FAILED") ? 500 : 202;
            ctx.response().putHeader("Location", "/api/v1/backtests/" + job.id());
            Http.json(ctx, status, new JsonObject(answer));
        }).onFailure(e -> {
            if (e instanceof ProfileDocuments.Invalid i) Http.error(ctx, 400, i.field(), i.getMessage());
            else Http.error(ctx, 503, "存储暂不可用 (store unavailable): " + e.getMessage());
        });
    }

    private void handleGetBacktest(RoutingContext ctx) {
        Blocking.run(vertx, () -> backtests.get(ctx.pathParam("id"))).onSuccess(m -> {
            if (m == null) Http.error(ctx, 404, "回测不存在 (no such backtest)");
            else Http.json(ctx, 200, new JsonObject(m));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    // ------------------------------------------------------------------ labels

    private void handleLabel(RoutingContext ctx) {
        Map<String, Object> body = body(ctx);
        if (body == null) return;
        Object outcome = body.get("outcome"), cause = body.get("cause"), note = body.get("note");
        if (!"CONFIRMED".equals(outcome) && !"FALSE".equals(outcome)) {
            Http.error(ctx, 400, "outcome", "outcome 须为 CONFIRMED 或 FALSE");
            return;
        }
        if (cause != null && (!(cause instanceof String s) || s.isBlank() || s.length() > 64)) {
            Http.error(ctx, 400, "cause", "cause 须为不超过 64 字符的字符串 (e.g. HOLIDAY, APPROVED_EXPANSION, METER_FAULT, OTHER)");
            return;
        }
        if (note != null && (!(note instanceof String s) || s.length() > 4000)) {
            Http.error(ctx, 400, "note", "note 须为不超过 4000 字符的字符串");
            return;
        }
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        Blocking.run(vertx, () -> {
            Alert a = alerts.get(id);
            if (a == null || !who.canSee(a.district())) return null;
            return labels.label(a.id(), (String) outcome, cause == null ? null : ((String) cause).trim().toUpperCase(),
                    (String) note, who.actor());
        }).onSuccess(l -> {
            if (l == null) Http.error(ctx, 404, "告警不存在 (no such alert)");
            else Http.json(ctx, 200, toJson(l));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void handleGetLabel(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        Blocking.run(vertx, () -> {
            Alert a = alerts.get(id);
            if (a == null || !who.canSee(a.district())) return null;
            return labels.get(a.id());
        }).onSuccess(l -> {
            if (l == null) Http.error(ctx, 404, "无标注 (no such alert or no label)");
            else Http.json(ctx, 200, toJson(l));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private JsonObject toJson(LabelStore.Label l) {
        return new JsonObject().put("alertId", l.alertId()).put("outcome", l.outcome()).put("cause", l.cause())
                .put("note", l.note()).put("labelledBy", l.labelledBy())
                .put("labelledAt", OffsetDateTime.ofInstant(l.labelledAt(), zone).toString());
    }

    // ------------------------------------------------------------------ helpers

    /** The body as a JSON object (Jackson maps: nested objects are maps); null after answering 400. */
    private static Map<String, Object> body(RoutingContext ctx) {
        try {
            return Edge.object(ctx, true).getMap(); // a merge patch: null removes a key
        } catch (org.furnacewatch.codec.BadInput e) {
            Http.fail(ctx, e);
            return null;
        }
    }

    private static OffsetDateTime time(RoutingContext ctx, Map<String, Object> body, String field) {
        try {
            return org.furnacewatch.ingest.Timestamps.instant(field, body.get(field)).atOffset(java.time.ZoneOffset.UTC);
        } catch (org.furnacewatch.codec.BadInput e) {
            Http.error(ctx, 400, field, field + " 须为带时区偏移的 ISO-8601 时间 (ISO-8601 with offset)");
            return null;
        }
    }

    private static int integer(Object v, int dflt) {
        if (v == null) return dflt;
        return v instanceof Integer i ? i : Integer.MIN_VALUE;
    }
}
