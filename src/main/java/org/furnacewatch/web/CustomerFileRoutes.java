package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.furnacewatch.codec.BadInput;
import org.furnacewatch.codec.Csv;
import org.furnacewatch.codec.Json;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.registry.CustomerFile;
import org.furnacewatch.registry.InvalidRecord;
import org.furnacewatch.registry.PowerAccountForm;
import org.furnacewatch.registry.PowerAccountRecord;
import org.furnacewatch.registry.Site;
import org.furnacewatch.registry.SiteClosures;
import org.furnacewatch.store.Database;
import org.furnacewatch.store.UnregisteredReadings;

import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;
import static org.furnacewatch.web.Role.FEED;

/**
 * The power company's customer file and the sites (issue 10):
 * <pre>
 * POST /api/v1/power-accounts                 feed, admin: JSON array or CSV, tens of thousands of rows, idempotent
 * GET  /api/v1/power-accounts?district=       admin, analyst, district (everything under its code)
 * GET  /api/v1/power-accounts/{account}       the account's dated history
 * GET  /api/v1/sites?district=, /sites/{id}   a place, its closure now, who occupied it
 * GET  /api/v1/readings/unregistered          feed, admin, analyst: meters nobody registered, with counts and times
 * GET  /api/v1/enterprises/{code}/related     enterprises with the same legal representative or the same site
 * </pre>
 */
public final class CustomerFileRoutes implements ApiServer.Routes {
    private final Vertx vertx;
    private final CustomerFile file;
    private final Related related;
    private final Database db;
    private final Clock clock;
    private final ZoneId zone;

    public CustomerFileRoutes(Vertx vertx, CustomerFile file, Database db, Clock clock, ZoneId zone) {
        this.vertx = vertx;
        this.file = file;
        this.related = new Related(file, zone);
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void mount(Router router, Auth auth) {
        BodyHandler big = BodyHandler.create(false).setBodyLimit(256L << 20);
        router.post("/api/v1/power-accounts").handler(big).handler(auth.allow(FEED, ADMIN)).handler(this::handleLoad);
        router.get("/api/v1/power-accounts").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleList);
        router.get("/api/v1/power-accounts/:account").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleGet);
        router.get("/api/v1/sites").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleListSites);
        router.get("/api/v1/sites/:id").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleGetSite);
        router.get("/api/v1/readings/unregistered").handler(auth.allow(FEED, ADMIN, ANALYST)).handler(this::handleUnregistered);
        router.get("/api/v1/enterprises/:creditCode/related").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleRelated);
    }

    /** What alerts and cases show about an enterprise's relations. */
    public Related related() {
        return related;
    }

    private void handleLoad(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase();
        boolean csv = type.startsWith("text/csv");
        if (!csv && !type.startsWith("application/json")) {
            Http.error(ctx, 415, "不支持的 Content-Type (use application/json or text/csv)");
            return;
        }
        String actor = Http.principal(ctx).actor();
        var body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            Http.error(ctx, 400, "请求体为空 (empty body)");
            return;
        }
        Blocking.heavy(vertx, () -> {
            List<Map<String, Object>> rows = csv ? csvRows(body.toString("UTF-8")) : jsonRows(body.getBytes());
            List<PowerAccountForm.Draft> drafts = new ArrayList<>(rows.size());
            List<CustomerFile.Rejection> rejected = new ArrayList<>();
            var now = clock.instant();
            for (int i = 0; i < rows.size(); i++) {
                try {
                    drafts.add(PowerAccountForm.parse(i, rows.get(i), now, zone));
                } catch (InvalidRecord e) {
                    rejected.add(new CustomerFile.Rejection(i, e.field(), e.getMessage()));
                }
            }
            org.slf4j.LoggerFactory.getLogger(CustomerFileRoutes.class).info("customer file: {} rows parsed and checked in {} ms",
                    rows.size(), java.time.Duration.between(now, clock.instant()).toMillis());
            CustomerFile.LoadResult r = file.load(drafts, rejected, actor);
            JsonArray rej = new JsonArray();
            for (CustomerFile.Rejection x : r.rejected()) rej.add(new JsonObject().put("row", x.row()).put("field", x.field()).put("reason", x.reason()));
            return new JsonObject().put("received", rows.size()).put("accounts", r.created() + r.changed() + r.unchanged())
                    .put("created", r.created()).put("changed", r.changed()).put("unchanged", r.unchanged())
                    .put("sitesCreated", r.sitesCreated()).put("rejected", rej).encode();
        }).onSuccess(text -> Http.json(ctx, 200, text)).onFailure(e -> Http.fail(ctx, e));
    }

    private static List<Map<String, Object>> jsonRows(byte[] bytes) {
        Object parsed;
        try {
            parsed = Json.MAPPER.readValue(bytes, Object.class);
        } catch (java.io.IOException e) {
            throw new BadInput("body", "JSON 无法解析 (unparseable JSON): " + org.furnacewatch.codec.Text.abbreviate(String.valueOf(e.getMessage())));
        }
        if (!(parsed instanceof List<?> list)) throw new BadInput("body", "须为 JSON 数组 (a JSON array of accounts)");
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Object o : list) {
            @SuppressWarnings("unchecked") Map<String, Object> m = o instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of("account", "");
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> csvRows(String text) throws java.io.IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (CSVParser p = Csv.parse(text)) {
            List<String> header = null;
            for (CSVRecord rec : p) {
                if (header == null) {
                    header = new ArrayList<>();
                    for (String h : rec) header.add(h.trim());
                    if (!header.contains("account")) throw new BadInput("header", "CSV 首行须列出列名，至少 account (header must name the columns)");
                    continue;
                }
                Map<String, Object> m = new HashMap<>();
                for (int i = 0; i < header.size() && i < rec.size(); i++) if (!rec.get(i).isEmpty()) m.put(header.get(i), rec.get(i));
                out.add(m);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new BadInput("body", "CSV 无法解析 (unparseable CSV): " + org.furnacewatch.codec.Text.abbreviate(String.valueOf(e.getMessage())));
        }
        return out;
    }

    private void handleList(RoutingContext ctx) {
        listUnder(ctx, file::accountsUnder, this::accountJson);
    }

    /** One page of what lies under the caller's scope (or the district asked for), as a JSON array. */
    private <T> void listUnder(RoutingContext ctx, PageUnder<T> pageUnder, java.util.function.Function<T, JsonObject> json) {
        String scope = Http.scope(Http.principal(ctx), ctx.queryParams().get("district"));
        if (scope == Http.DENIED) {
            Http.error(ctx, 404, "区县不存在 (no such district)");
            return;
        }
        int[] page = page(ctx);
        if (page == null) return;
        JsonArray out = new JsonArray();
        for (T t : pageUnder.page(scope, page[0], page[1])) out.add(json.apply(t));
        Http.json(ctx, 200, out);
    }

    @FunctionalInterface
    private interface PageUnder<T> {
        List<T> page(String scope, int offset, int limit);
    }

    private void handleGet(RoutingContext ctx) {
        List<PowerAccountRecord> h = file.history(ctx.pathParam("account"));
        if (h.isEmpty() || !Http.principal(ctx).canSee(h.getLast().district())) {
            Http.error(ctx, 404, "户号不存在 (no such account)");
            return;
        }
        JsonArray versions = new JsonArray();
        for (PowerAccountRecord v : h) versions.add(accountJson(v));
        Http.json(ctx, 200, accountJson(h.getLast()).put("history", versions));
    }

    private void handleListSites(RoutingContext ctx) {
        listUnder(ctx, file::sitesUnder, this::siteJson);
    }

    private void handleGetSite(RoutingContext ctx) {
        Site s;
        try {
            s = file.site(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            s = null;
        }
        if (s == null || !Http.principal(ctx).canSee(s.district())) {
            Http.error(ctx, 404, "场所不存在 (no such site)");
            return;
        }
        JsonObject o = siteJson(s);
        o.put("enterprises", new JsonArray(List.copyOf(file.enterprisesAt(s.id()))));
        o.put("accounts", new JsonArray(List.copyOf(file.accountsAt(s.id()))));
        Http.json(ctx, 200, o);
    }

    private void handleUnregistered(RoutingContext ctx) {
        Blocking.run(vertx, () -> {
            try (Connection c = db.connection()) {
                return UnregisteredReadings.summary(c, 10_000);
            }
        }).onSuccess(list -> {
            JsonArray out = new JsonArray();
            for (UnregisteredReadings.MeterSummary m : list) {
                out.add(new JsonObject().put("meter", m.meter()).put("readings", m.readings())
                        .put("firstTs", Timestamps.format(m.firstTs().getEpochSecond(), zone))
                        .put("lastTs", Timestamps.format(m.lastTs().getEpochSecond(), zone))
                        .put("lastReceived", Timestamps.format(m.lastReceived().getEpochSecond(), zone)));
            }
            Http.json(ctx, 200, out);
        }).onFailure(e -> Http.fail(ctx, e));
    }

    private void handleRelated(RoutingContext ctx) {
        var h = RegistryRoutes.visibleEnterprise(ctx, file.registry(), clock);
        if (h == null) return;
        Http.json(ctx, 200, related.of(h.creditCode(), clock.instant().getEpochSecond(), Http.principal(ctx)));
    }

    private JsonObject siteJson(Site s) {
        JsonObject o = new JsonObject().put("id", s.id()).put("district", s.district()).put("address", s.address())
                .put("addressKey", s.addressKey()).put("transformer", s.transformer());
        if (!Double.isNaN(s.lat())) o.put("lat", s.lat());
        if (!Double.isNaN(s.lon())) o.put("lon", s.lon());
        SiteClosures.Closure c = SiteClosures.at(file, s.id(), clock.instant().getEpochSecond());
        if (c != null) {
            o.put("closure", new JsonObject().put("status", c.status().name()).put("since", Timestamps.format(c.since(), zone))
                    .put("enterprise", c.creditCode()).put("name", c.name()));
        }
        return o;
    }

    private JsonObject accountJson(PowerAccountRecord v) {
        JsonArray meters = new JsonArray();
        for (PowerAccountRecord.Meter m : v.meters()) meters.add(new JsonObject().put("id", m.id()).put("point", m.point()).put("multiplier", m.multiplier()));
        JsonObject o = new JsonObject().put("account", v.account()).put("name", v.name()).put("address", v.address())
                .put("district", v.district()).put("site", v.siteId()).put("category", v.category())
                .put("transformer", v.transformer()).put("enterprise", v.enterprise())
                .put("openedOn", v.openedOn() == null ? null : v.openedOn().toString())
                .put("closedOn", v.closedOn() == null ? null : v.closedOn().toString())
                .put("meters", meters).put("effectiveFrom", Timestamps.format(v.effectiveFrom().getEpochSecond(), zone));
        if (!Double.isNaN(v.capacityKva())) o.put("capacityKva", v.capacityKva());
        if (!Double.isNaN(v.lat())) o.put("lat", v.lat());
        if (!Double.isNaN(v.lon())) o.put("lon", v.lon());
        return o;
    }

    private static int[] page(RoutingContext ctx) {
        try {
            int offset = ctx.queryParams().get("offset") == null ? 0 : Integer.parseInt(ctx.queryParams().get("offset"));
            int limit = ctx.queryParams().get("limit") == null ? 1000 : Integer.parseInt(ctx.queryParams().get("limit"));
            if (offset < 0 || limit < 1 || limit > 10_000) throw new NumberFormatException();
            return new int[] {offset, limit};
        } catch (NumberFormatException e) {
            Http.error(ctx, 400, "offset", "offset ≥ 0, limit 1..10000");
            return null;
        }
    }
}
