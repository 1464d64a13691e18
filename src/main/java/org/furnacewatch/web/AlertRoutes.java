package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertCursor;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.codec.BadInput;

import org.furnacewatch.ingest.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/alerts}, {@code GET /api/v1/alerts/{id}}, {@code POST /api/v1/alerts/{id}/ack}. The list pages
 * when asked ({@code limit}, {@code cursor}): the answer stays a JSON array, and when more follow, {@code X-Next-Cursor}
 * and a {@code Link: <...>; rel="next"} header give the next page. Without either parameter it is the contract's list.
 */
final class AlertRoutes {
    /** Without paging parameters the list answers at most this many (the contract's behaviour). */
    private static final int UNPAGED = 5000;
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    private static final Set<String> STATUSES = Set.of("OPEN", "ACKED", "RESOLVED", "SUPPRESSED", "CASE_OPENED");
    private final Vertx vertx;
    private final AlertStore alerts;
    private final ZoneId zone;

    private final Related related;

    AlertRoutes(Vertx vertx, AlertStore alerts, ZoneId zone, Related related) {
        this.related = related;
        this.vertx = vertx;
        this.alerts = alerts;
        this.zone = zone;
    }

    void handleListAlerts(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        var q = ctx.queryParams();
        String district = q.get("district");
        district = Http.scope(who, district);
        if (district == Http.DENIED) {
            Http.error(ctx, 404, "区县不存在 (no such district)");
            return;
        }
        String status = q.get("status");
        if (status != null && !STATUSES.contains(status)) {
            Http.error(ctx, 400, "status", "status 须为 " + STATUSES);
            return;
        }
        String d = district;
        if (q.get("limit") == null && q.get("cursor") == null) {
            // the contract's list: up to 5,000 alerts, newest first. Encoded on the worker too: milliseconds of JSON
            Blocking.run(vertx, () -> toJson(alerts.find(d, q.get("enterprise"), q.get("kind"), status, UNPAGED), who).encode())
                    .onSuccess(text -> Http.json(ctx, 200, text))
                    .onFailure(e -> Http.unavailable(ctx, e));
            return;
        }
        int limit;
        AlertCursor after;
        try {
            limit = limit(q.get("limit"));
            after = q.get("cursor") == null ? null : AlertCursor.decode(q.get("cursor"));
        } catch (BadInput e) {
            Http.fail(ctx, e);
            return;
        }
        Blocking.run(vertx, () -> alerts.find(d, q.get("enterprise"), q.get("kind"), status, after, limit + 1)).onSuccess(page -> {
            if (page.size() > limit) {
                page = page.subList(0, limit);
                String next = AlertCursor.after(page.get(limit - 1)).encode();
                ctx.response().putHeader("X-Next-Cursor", next)
                        .putHeader("Link", "<" + nextUrl(ctx, next) + ">; rel=\"next\"");
            }
            Http.json(ctx, 200, toJson(page, who));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** {@code limit}: 1..1000, 100 when only a cursor is given. */
    private static int limit(String text) {
        if (text == null) return DEFAULT_PAGE;
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_PAGE) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadInput("limit", "limit 须为 1.." + MAX_PAGE + " 的整数 (an integer 1.." + MAX_PAGE + ")");
    }

    /** This request's path and filters with the next page's cursor. */
    private static String nextUrl(RoutingContext ctx, String cursor) {
        StringBuilder url = new StringBuilder(ctx.request().path()).append("?cursor=").append(cursor);
        for (var e : ctx.queryParams()) {
            if (e.getKey().equals("cursor")) continue;
            url.append('&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    void handleGetAlert(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> alerts.get(ctx.pathParam("id"))).onSuccess(a -> {
            if (a == null || !who.canSee(a.district())) Http.error(ctx, 404, "告警不存在 (no such alert)");
            else Http.json(ctx, 200, toJson(a, who));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    void handleAck(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        JsonObject body = ctx.body().length() == 0 ? new JsonObject() : RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        String id = ctx.pathParam("id");
        Blocking.run(vertx, () -> {
            Alert a = alerts.get(id);
            if (a == null || !who.canSee(a.district())) return 404;
            return alerts.ack(id, who.actor(), body.getString("by", who.name()), body.getString("note")) ? 200 : 409;
        }).onSuccess(status -> {
            if (status == 404) Http.error(ctx, 404, "告警不存在 (no such alert)");
            else if (status == 409) Http.error(ctx, 409, "只有 OPEN 状态的告警可以确认 (only an OPEN alert can be acknowledged)");
            else Blocking.run(vertx, () -> alerts.get(id)).onSuccess(a -> Http.json(ctx, 200, toJson(a, who)));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private JsonArray toJson(List<Alert> list, Principal who) {
        JsonArray out = new JsonArray();
        for (Alert a : list) out.add(toJson(a, who));
        return out;
    }

    /** An alert as the contract has it, plus its severity and the enterprises related to its enterprise. */
    private JsonObject toJson(Alert a, Principal who) {
        JsonObject o = toJson(a);
        if (a.account() != null) o.put("account", a.account());
        if (related != null && a.enterprise() != null) o.put("related", related.of(a.enterprise().trim(), a.lastTs().getEpochSecond(), who));
        return o;
    }

    private JsonObject toJson(Alert a) {
        return new JsonObject().put("id", a.id()).put("enterprise", a.enterprise()).put("district", a.district())
                .put("kind", a.kind()).put("score", a.score()).put("status", a.status())
                .put("firstTs", Timestamps.format(a.firstTs().getEpochSecond(), zone))
                .put("lastTs", Timestamps.format(a.lastTs().getEpochSecond(), zone))
                .put("summary", a.summary()).put("evidence", new JsonObject(a.evidenceJson()))
                .put("severity", a.severity());
    }
}
