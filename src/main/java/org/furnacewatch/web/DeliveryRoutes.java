package org.furnacewatch.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.detect.FindingKind;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.notify.AlertDelivery;
import org.furnacewatch.notify.Deliveries;
import org.furnacewatch.notify.EvidenceLinks;
import org.furnacewatch.notify.Receivers;
import org.furnacewatch.notify.RoutingConfig;
import org.furnacewatch.notify.Silences;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingQueries;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;

/**
 * Alert delivery over HTTP: the routing configuration, the outbox (parked deliveries and their retry), silences,
 * and the signed evidence page that messages link to.
 */
public final class DeliveryRoutes implements ApiServer.Routes {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final Set<String> DELIVERY_STATUSES = Set.of("PENDING", "DELIVERED", "PARKED");
    private final Vertx vertx;
    private final AlertDelivery delivery;
    private final AlertStore alerts;
    private final Registry registry;
    private final ReadingQueries queries;
    private final ZoneId zone;

    public DeliveryRoutes(Vertx vertx, AlertDelivery delivery, AlertStore alerts, Registry registry, ReadingQueries queries, ZoneId zone) {
        this.vertx = vertx;
        this.delivery = delivery;
        this.alerts = alerts;
        this.registry = registry;
        this.queries = queries;
        this.zone = zone;
    }

    @Override
    public void mount(Router router, Auth auth) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1L << 20);
        router.get("/api/v1/routing").handler(auth.allow(ADMIN, ANALYST)).handler(this::handleGetRouting);
        router.put("/api/v1/routing").handler(body).handler(auth.allow(ADMIN)).handler(this::handlePutRouting);
        router.get("/api/v1/deliveries").handler(auth.allow(ADMIN)).handler(this::handleListDeliveries);
        router.post("/api/v1/deliveries/:id/retry").handler(body).handler(auth.allow(ADMIN)).handler(this::handleRetryDelivery);
        router.post("/api/v1/silences").handler(body).handler(auth.allow(ADMIN, ANALYST)).handler(this::handleCreateSilence);
        router.get("/api/v1/silences").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleListSilences);
        router.delete("/api/v1/silences/:id").handler(auth.allow(ADMIN, ANALYST)).handler(this::handleDeleteSilence);
        router.get("/api/v1/alerts/:id/evidence-link").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(this::handleEvidenceLink);
        router.get("/alerts/:id/evidence").handler(this::handleEvidencePage);
    }

    private void handleGetRouting(RoutingContext ctx) {
        Http.json(ctx, 200, routingJson());
    }

    private JsonObject routingJson() {
        var r = delivery.routing();
        return new JsonObject(r.current().toJson().toString()).put("updatedBy", r.updatedBy())
                .put("updatedAt", r.updatedAt() == null ? null : Timestamps.format(r.updatedAt().getEpochSecond(), zone));
    }

    private void handlePutRouting(RoutingContext ctx) {
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> delivery.routing().update(JSON.readTree(body.encode()), who.actor()))
                .onSuccess(c -> Http.json(ctx, 200, routingJson()))
                .onFailure(e -> {
                    if (e instanceof RoutingConfig.Invalid inv) Http.error(ctx, 400, inv.field, inv.getMessage());
                    else Http.error(ctx, 503, "存储暂不可用 (store unavailable)");
                });
    }

    private void handleListDeliveries(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        String alert = ctx.queryParams().get("alert");
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            Http.error(ctx, 400, "status", "status 须为 " + DELIVERY_STATUSES);
            return;
        }
        if (alert != null && !isUuid(alert)) {
            Http.error(ctx, 400, "alert", "alert 须为告警编号 (an alert id)");
            return;
        }
        Blocking.run(vertx, () -> delivery.deliveries().list(status, alert, 1000)).onSuccess(list -> {
            JsonArray out = new JsonArray();
            for (Deliveries.Delivery d : list) out.add(deliveryJson(d));
            Http.json(ctx, 200, out);
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void handleRetryDelivery(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            Http.error(ctx, 404, "投递不存在 (no such delivery)");
            return;
        }
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> {
            Deliveries.Delivery d = delivery.deliveries().get(id);
            if (d == null) return 404;
            if (!delivery.deliveries().retry(id, who.actor(), delivery.clock().instant())) return 409;
            delivery.nudge();
            return 200;
        }).onSuccess(s -> {
            if (s == 404) Http.error(ctx, 404, "投递不存在 (no such delivery)");
            else if (s == 409) Http.error(ctx, 409, "只有 PARKED 状态的投递可以重试 (only a PARKED delivery can be retried)");
            else Blocking.run(vertx, () -> delivery.deliveries().get(id)).onSuccess(d -> Http.json(ctx, 200, deliveryJson(d)));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private JsonObject deliveryJson(Deliveries.Delivery d) {
        return new JsonObject().put("id", d.id()).put("alertId", d.alertId() == null ? null : d.alertId().toString()).put("purpose", d.purpose())
                .put("district", d.district()).put("channel", d.channel()).put("target", Receivers.target(d.receiver()))
                .put("idempotencyKey", d.idempotencyKey()).put("status", d.status()).put("attempts", d.attempts())
                .put("nextAttemptAt", "PENDING".equals(d.status()) ? time(d.nextAttemptAt()) : null)
                .put("lastError", d.lastError()).put("createdAt", time(d.createdAt()))
                .put("deliveredAt", time(d.deliveredAt())).put("parkedAt", time(d.parkedAt()));
    }

    private void handleCreateSilence(RoutingContext ctx) {
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        Object enterpriseValue = body.getValue("enterprise");
        String enterprise = enterpriseValue instanceof String e ? e : null;
        if (enterprise == null || registry.enterprise(enterprise) == null) {
            Http.error(ctx, 400, "enterprise", "enterprise 须为已登记企业的统一社会信用代码");
            return;
        }
        if (body.getValue("kind") != null && !(body.getValue("kind") instanceof String)) throw new org.furnacewatch.codec.BadInput("kind", "kind 须为文本");
        if (body.getValue("reason") != null && !(body.getValue("reason") instanceof String)) throw new org.furnacewatch.codec.BadInput("reason", "reason 须为文本");
        String kind = body.getString("kind");
        if (kind != null) {
            try {
                FindingKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                Http.error(ctx, 400, "kind", "kind 须为告警类型之一（省略表示全部类型）");
                return;
            }
        }
        String reason = body.getString("reason");
        if (reason == null || reason.isBlank()) {
            Http.error(ctx, 400, "reason", "reason 必填：静默须说明理由");
            return;
        }
        Instant now = delivery.clock().instant();
        Instant starts = body.getValue("startsAt") == null ? now : Timestamps.instant("startsAt", body.getValue("startsAt"));
        Instant ends;
        if (body.getValue("endsAt") != null) ends = Timestamps.instant("endsAt", body.getValue("endsAt"));
        else if (body.getValue("duration") != null) {
            Duration d;
            try {
                d = Duration.parse(String.valueOf(body.getValue("duration")));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new org.furnacewatch.codec.BadInput("duration", "duration 须为 ISO-8601 时长，如 P7D");
            }
            if (d.compareTo(Duration.ofDays(3660)) > 0 || d.isNegative()) throw new org.furnacewatch.codec.BadInput("duration", "duration 须在 0 到 3660 天之间");
            ends = starts.plus(d);
        } else {
            Http.error(ctx, 400, "endsAt", "endsAt（或 duration）必填");
            return;
        }
        if (!ends.isAfter(starts)) {
            Http.error(ctx, 400, "endsAt", "endsAt 须晚于 startsAt");
            return;
        }
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> delivery.silences().create(enterprise, kind, starts, ends, reason, who.actor()))
                .onSuccess(s -> Http.json(ctx, 201, silenceJson(s)))
                .onFailure(e -> Http.unavailable(ctx, e));
    }

    private void handleListSilences(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String enterprise = ctx.queryParams().get("enterprise");
        boolean active = "true".equals(ctx.queryParams().get("active"));
        Instant now = delivery.clock().instant();
        Blocking.run(vertx, () -> delivery.silences().list(enterprise, active)).onSuccess(list -> {
            JsonArray out = new JsonArray();
            for (Silences.Silence s : list) {
                EnterpriseHistory h = registry.enterprise(s.enterprise());
                if (who.role() == Role.DISTRICT && (h == null || !who.canSee(h.at(now.getEpochSecond()).district()))) continue;
                out.add(silenceJson(s));
            }
            Http.json(ctx, 200, out);
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void handleDeleteSilence(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String id = ctx.pathParam("id");
        Blocking.run(vertx, () -> delivery.silences().delete(id, who.actor()) ? delivery.silences().get(id) : null)
                .onSuccess(s -> {
                    if (s == null) Http.error(ctx, 404, "静默不存在或已删除 (no such active silence)");
                    else Http.json(ctx, 200, silenceJson(s));
                }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private JsonObject silenceJson(Silences.Silence s) {
        return new JsonObject().put("id", s.id()).put("enterprise", s.enterprise()).put("kind", s.kind())
                .put("startsAt", time(s.startsAt())).put("endsAt", time(s.endsAt())).put("reason", s.reason())
                .put("createdBy", s.createdBy()).put("createdAt", time(s.createdAt()))
                .put("deletedBy", s.deletedBy()).put("deletedAt", time(s.deletedAt()))
                .put("active", s.activeAt(delivery.clock().instant()));
    }

    private void handleEvidenceLink(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> alerts.get(ctx.pathParam("id"))).onSuccess(a -> {
            if (a == null || !who.canSee(a.district())) {
                Http.error(ctx, 404, "告警不存在 (no such alert)");
                return;
            }
            Instant exp = delivery.clock().instant().plus(delivery.routing().current().evidenceLinkTtl());
            Http.json(ctx, 200, new JsonObject().put("url", delivery.links().url(a.id(), exp))
                    .put("path", delivery.links().path(a.id(), exp)).put("expires", time(exp)));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** The evidence page's policy: no script at all, styles and images only from this origin. */
    static final String EVIDENCE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'none'";

    /** {@code GET /alerts/{id}/evidence?exp=&sig=}: no token, the signed link is the permission. */
    private void handleEvidencePage(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        EvidenceLinks.Check check = delivery.links().check(id, ctx.queryParams().get("exp"), ctx.queryParams().get("sig"), delivery.clock().instant());
        if (check != EvidenceLinks.Check.VALID) {
            int status = check == EvidenceLinks.Check.EXPIRED ? 410 : 403;
            message(ctx, status, "链接无效", status == 410 ? "链接已过期，请在系统中重新打开该告警。" : "链接无效。");
            return;
        }
        Blocking.run(vertx, () -> page(id)).onSuccess(view -> {
            if (view == null) message(ctx, 404, "告警不存在", "告警不存在");
            else html(ctx, 200, Templates.render(EvidencePage.TEMPLATE, Map.of("view", view)));
        }).onFailure(e -> message(ctx, 503, "存储暂不可用", "存储暂不可用"));
    }

    private EvidencePage.View page(String id) throws Exception {
        Alert a = alerts.get(id);
        if (a == null) return null;
        EnterpriseHistory h = a.enterprise() == null ? null : registry.enterprise(a.enterprise());
        String name = h == null ? a.subject() : h.at(a.firstTs().getEpochSecond()).name();
        District d = registry.district(a.district());
        List<EvidencePage.Point> points = new ArrayList<>();
        // the load that raised it: the account's meters when an account (户号) is behind it, else the enterprise's
        List<ReadingQueries.MeterSpan> spans = a.account() != null ? accountSpans(a) : h != null ? ReadingQueryRoutes.spans(h, registry) : List.of();
        if (!spans.isEmpty()) {
            Instant to = a.lastTs().plus(Duration.ofHours(12));
            Instant from = a.firstTs().minus(Duration.ofHours(24));
            if (Duration.between(from, to).compareTo(Duration.ofDays(10)) > 0) from = to.minus(Duration.ofDays(10));
            for (ReadingQueries.Point p : queries.series(spans, from, to, ReadingQueries.Step.PT15M, zone)) {
                points.add(new EvidencePage.Point(p.end().getEpochSecond(), p.kwh()));
            }
        }
        return EvidencePage.view(a, name, d == null ? a.district() : d.name(), points, zone);
    }

    private static void message(RoutingContext ctx, int status, String title, String message) {
        html(ctx, status, Templates.render("evidence_message.jte", Map.of("title", title, "message", message)));
    }

    /** The meters the alert's evidence names for its account (evidence.account.meters), over all time. */
    private List<ReadingQueries.MeterSpan> accountSpans(Alert a) {
        List<ReadingQueries.MeterSpan> out = new ArrayList<>();
        JsonObject account = new JsonObject(a.evidenceJson()).getJsonObject("account");
        JsonArray meters = account == null ? null : account.getJsonArray("meters");
        if (meters == null) return out;
        for (Object id : meters) {
            org.furnacewatch.registry.MeterInfo m = registry.meter(String.valueOf(id));
            if (m != null) out.add(new ReadingQueries.MeterSpan(m.key(), Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")));
        }
        return out;
    }

    /** Every evidence answer: private, never cached, no referrer leaking the signed link, no script. */
    private static void html(RoutingContext ctx, int status, String body) {
        if (ctx.response().ended() || ctx.response().closed()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "private, no-store").putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", EVIDENCE_CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").end(body);
    }

    private String time(Instant t) {
        return t == null ? null : Timestamps.format(t.getEpochSecond(), zone);
    }

    private static boolean isUuid(String s) {
        try {
            java.util.UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
