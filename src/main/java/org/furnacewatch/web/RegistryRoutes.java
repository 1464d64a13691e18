package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseForm;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Equipment;
import org.furnacewatch.registry.InvalidRecord;
import org.furnacewatch.registry.MeterSpec;
import org.furnacewatch.registry.Registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Districts and enterprises: PUT by admins, read by anyone whose district it is. */
final class RegistryRoutes {
    /** Receiver fields that openapi.yaml marks writeOnly: accepted on PUT, never shown again. */
    static final List<String> WRITE_ONLY = List.of("secret", "password", "token", "apiKey");
    private final Vertx vertx;
    private final Registry registry;
    private final Clock clock;

    RegistryRoutes(Vertx vertx, Registry registry, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.clock = clock;
    }

    void handlePutDistrict(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) return;
        String code = ctx.pathParam("code");
        List<Map<String, Object>> receivers = new ArrayList<>();
        Object rawReceivers = body.getValue("receivers");
        if (rawReceivers != null && !(rawReceivers instanceof JsonArray)) {
            Http.error(ctx, 400, "receivers", "receivers 须为数组 (receivers must be an array)");
            return;
        }
        JsonArray rs = rawReceivers == null ? new JsonArray() : (JsonArray) rawReceivers;
        for (int i = 0; i < rs.size(); i++) {
            String at = "receivers[" + i + "]";
            if (!(rs.getValue(i) instanceof JsonObject r)) {
                Http.error(ctx, 400, at, at + " 须为对象 (must be an object)");
                return;
            }
            for (Map.Entry<String, Object> f : r) {
                if (!(f.getValue() instanceof String) && !(f.getValue() instanceof Number) && !(f.getValue() instanceof Boolean)) {
                    Http.error(ctx, 400, at + "." + f.getKey(), at + "." + f.getKey() + " 须为文本、数字或布尔值 (must be a scalar)");
                    return;
                }
            }
            Object type = r.getValue("type");
            if (!(type instanceof String) || !List.of("webhook", "email", "sms").contains(type)) {
                Http.error(ctx, 400, at + ".type", at + ".type 须为 webhook、email 或 sms");
                return;
            }
            Object url = r.getValue("url");
            if ("webhook".equals(type) && (!(url instanceof String u) || !u.matches("https?://\\S+"))) {
                Http.error(ctx, 400, at + ".url", at + ".url 须为 http(s) 地址");
                return;
            }
            receivers.add(r.getMap());
        }
        String kept = keepStoredSecrets(registry.district(code), receivers);
        if (kept != null) {
            Http.error(ctx, 400, kept, kept + " 为 `***` 时只对同一接收方（同类型、同地址或同一 SMTP 服务器与用户）保留原值，请重新填写"
                    + " (`***` keeps the stored value only for the same receiver: same type and url, or same SMTP host, port and user; enter it again)");
            return;
        }
        for (String f : List.of("name", "parent")) {
            if (body.getValue(f) != null && !(body.getValue(f) instanceof String)) {
                Http.error(ctx, 400, f, f + " 须为文本 (must be text)");
                return;
            }
        }
        District d = new District(code, body.getString("name"), body.getString("parent"), receivers);
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> {
            registry.putDistrict(d, who.actor());
            return d;
        }).onSuccess(saved -> Http.json(ctx, 200, districtJson(saved)))
          .onFailure(e -> fail(ctx, e));
    }

    /**
     * A write-only field sent back as {@code ***} (the mask every read shows) means "unchanged": it takes the value
     * stored for the same receiver, so an editor that read the district can send it back without ever holding the
     * secret. "The same receiver" is one of the same type whose secret would go to the same place (a webhook's or SMS
     * gateway's {@code url}; an e-mail's SMTP host, port and user): a mask never carries a stored secret to a new
     * destination. Fills {@code receivers} in place; answers the field at fault, or null.
     */
    static String keepStoredSecrets(District stored, List<Map<String, Object>> receivers) {
        List<Map<String, Object>> old = stored == null ? List.of() : stored.receivers();
        for (int i = 0; i < receivers.size(); i++) {
            Map<String, Object> r = receivers.get(i);
            for (String k : WRITE_ONLY) {
                if (!"***".equals(r.get(k))) continue;
                Map<String, Object> same = null;
                if (i < old.size() && sameDestination(old.get(i), r) && old.get(i).get(k) != null) same = old.get(i);
                for (int j = 0; same == null && j < old.size(); j++) {
                    if (sameDestination(old.get(j), r) && old.get(j).get(k) != null) same = old.get(j);
                }
                if (same == null || "***".equals(same.get(k))) return "receivers[" + i + "]." + k;
                r.put(k, same.get(k));
            }
        }
        return null;
    }

    private static boolean sameDestination(Map<String, Object> a, Map<String, Object> b) {
        List<String> where = "email".equals(b.get("type")) ? List.of("smtpHost", "smtpPort", "username") : List.of("url");
        if (!String.valueOf(a.get("type")).equals(String.valueOf(b.get("type")))) return false;
        for (String f : where) if (!String.valueOf(a.get(f)).equals(String.valueOf(b.get(f)))) return false;
        return true;
    }

    void handleGetDistricts(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        JsonArray out = new JsonArray();
        for (District d : registry.districts()) if (who.canSee(d.code())) out.add(districtJson(d));
        Http.json(ctx, 200, out);
    }

    void handlePutEnterprise(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) return;
        Principal who = Http.principal(ctx);
        EnterpriseRecord record;
        try {
            record = EnterpriseForm.parse(ctx.pathParam("creditCode"), body.getMap(), clock.instant(), who.actor());
        } catch (InvalidRecord e) {
            Http.error(ctx, 400, e.field(), e.getMessage());
            return;
        } catch (ClassCastException e) {
            Http.error(ctx, 400, "请求体字段类型错误 (a field has the wrong type)");
            return;
        }
        String address, legalRep;
        try {
            address = optionalText(body, "address");
            legalRep = optionalText(body, "legalRepresentative");
        } catch (InvalidRecord e) {
            Http.error(ctx, 400, e.field(), e.getMessage());
            return;
        }
        org.furnacewatch.registry.CustomerFile file = customers;
        Blocking.run(vertx, () -> {
            EnterpriseHistory h = registry.putEnterprise(record);
            if (file != null && (address != null || legalRep != null)) {
                file.linkEnterprise(record.creditCode(), record.effectiveFrom(), record.district(), address, legalRep, List.of());
            }
            return h;
        })
                .onSuccess(h -> Http.json(ctx, 200, enterpriseJson(h, clock.instant())))
                .onFailure(e -> fail(ctx, e));
    }

    void handleGetEnterprise(RoutingContext ctx) {
        EnterpriseHistory h = visibleEnterprise(ctx, registry, clock);
        if (h != null) Http.json(ctx, 200, enterpriseJson(h, clock.instant()));
    }

    void handleListEnterprises(RoutingContext ctx) {
        Principal who = Http.principal(ctx);
        String district = ctx.queryParams().get("district");
        district = Http.scope(who, district);
        if (district == Http.DENIED) {
            Http.error(ctx, 404, "区县不存在 (no such district)");
            return;
        }
        Instant now = clock.instant();
        JsonArray out = new JsonArray();
        for (EnterpriseHistory h : registry.enterprisesIn(district, now)) out.add(enterpriseJson(h, now));
        Http.json(ctx, 200, out);
    }

    /** The enterprise of the path if the caller may see it; otherwise ends the request with 404. */
    static EnterpriseHistory visibleEnterprise(RoutingContext ctx, Registry registry, Clock clock) {
        EnterpriseHistory h = registry.enterprise(ctx.pathParam("creditCode"));
        if (h == null || !Http.principal(ctx).canSee(h.at(clock.instant().getEpochSecond()).district())) {
            Http.error(ctx, 404, "企业不存在 (no such enterprise)");
            return null;
        }
        return h;
    }

    static JsonObject enterpriseJson(EnterpriseHistory h, Instant now) {
        EnterpriseRecord cur = h.at(now.getEpochSecond());
        JsonObject o = versionJson(cur);
        o.put("creditCode", cur.creditCode());
        JsonArray history = new JsonArray();
        for (EnterpriseRecord v : h.versions()) history.add(versionJson(v).put("recordedAt", v.recordedAt().toString()).put("recordedBy", v.recordedBy()));
        o.put("history", history);
        return o;
    }

    private static JsonObject versionJson(EnterpriseRecord v) {
        JsonArray eq = new JsonArray();
        for (Equipment e : v.equipment()) eq.add(new JsonObject().put("type", e.type()).put("ratedKw", e.ratedKw()).put("licensed", e.licensed()));
        JsonArray meters = new JsonArray();
        for (MeterSpec m : v.meters()) meters.add(new JsonObject().put("id", m.id()).put("multiplier", m.multiplier()));
        return new JsonObject().put("name", v.name()).put("district", v.district()).put("industry", v.industry())
                .put("status", v.status().name()).put("capacityKva", v.capacityKva()).put("equipment", eq)
                .put("meters", meters).put("effectiveFrom", v.effectiveFrom().toString());
    }

    private static JsonObject districtJson(District d) {
        JsonArray receivers = new JsonArray();
        for (Map<String, Object> r : d.receivers()) {
            JsonObject copy = new JsonObject(new java.util.LinkedHashMap<>(r));
            for (String secret : WRITE_ONLY) if (copy.containsKey(secret)) copy.put(secret, "***"); // openapi.yaml: writeOnly
            receivers.add(copy);
        }
        return new JsonObject().put("code", d.code()).put("name", d.name()).put("parent", d.parent()).put("receivers", receivers);
    }

    /** The body as a JSON object, or null after answering 400 naming what is wrong (see {@link Edge#object}). */
    /** The customer file, for an enterprise's site (address) and legal representative; null before it is wired. */
    volatile org.furnacewatch.registry.CustomerFile customers;

    private static String optionalText(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) return null;
        if (!(v instanceof String text) || text.isBlank()) throw new InvalidRecord(field, field + " 须为非空文本 (must be text)");
        if (org.furnacewatch.codec.Text.hasControl(text)) throw new InvalidRecord(field, field + " 含控制字符 (a control character)");
        if (text.length() > 200) throw new InvalidRecord(field, field + " 过长 (over 200 characters)");
        return text.trim();
    }

    static JsonObject jsonBody(RoutingContext ctx) {
        try {
            return Edge.object(ctx);
        } catch (org.furnacewatch.codec.BadInput e) {
            Http.fail(ctx, e);
            return null;
        }
    }

    static void fail(RoutingContext ctx, Throwable e) {
        Http.fail(ctx, e);
    }
}
