package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.registry.EnterpriseForm;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.InvalidRecord;
import org.furnacewatch.registry.Registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/districts/{code}/enterprises} with {@code text/csv}: a whole district's enterprises at
 * once. Columns: creditCode,name,industry,status,capacityKva,meters,equipment,effectiveFrom where meters is
 * {@code id:multiplier;id:multiplier} and equipment {@code TYPE:ratedKw:licensed|unlicensed;...}. Each row
 * is stored on its own; bad rows are listed with the reason and do not stop the good ones.
 */
final class BulkImportRoutes {
    private static final List<String> COLUMNS = List.of("creditCode", "name", "industry", "status", "capacityKva", "meters", "equipment", "effectiveFrom");
    private final Vertx vertx;
    private final Registry registry;
    private final Clock clock;

    BulkImportRoutes(Vertx vertx, Registry registry, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.clock = clock;
    }

    void handleImport(RoutingContext ctx) {
        String district = ctx.pathParam("code");
        if (registry.district(district) == null) {
            Http.error(ctx, 404, "区县未登记 (unknown district): " + district);
            return;
        }
        String text = ctx.body().asString("UTF-8");
        if (text == null || text.isBlank()) {
            Http.error(ctx, 400, "CSV 为空 (empty CSV)");
            return;
        }
        String actor = Http.principal(ctx).actor();
        vertx.executeBlocking(() -> importCsv(district, text.replace("\uFEFF", ""), actor)).onSuccess(result -> Http.json(ctx, 200, result))
                .onFailure(e -> RegistryRoutes.fail(ctx, e));
    }

    private JsonObject importCsv(String district, String text, String actor) throws Exception {
        String[] lines = text.split("\r?\n");
        String[] header = lines[0].split(",", -1);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) col.put(header[i].trim(), i);
        for (String required : COLUMNS.subList(0, 6)) {
            if (!col.containsKey(required)) throw new InvalidRecord("header", "CSV 表头缺少列 " + required + " (columns: " + String.join(",", COLUMNS) + ")");
        }
        int imported = 0;
        JsonArray rejected = new JsonArray();
        int row = 0;
        for (int li = 1; li < lines.length; li++) {
            if (lines[li].isBlank()) continue;
            String[] cells = lines[li].split(",", -1);
            try {
                Map<String, Object> body = new HashMap<>();
                for (String c : COLUMNS) {
                    Integer idx = col.get(c);
                    if (idx != null && idx < cells.length && !cells[idx].isBlank()) body.put(c, cells[idx].trim());
                }
                body.put("district", district);
                body.put("meters", meters((String) body.get("meters")));
                body.put("equipment", equipment((String) body.get("equipment")));
                EnterpriseRecord r = EnterpriseForm.parse((String) body.get("creditCode"), body, clock.instant(), actor);
                registry.putEnterprise(r);
                imported++;
            } catch (InvalidRecord e) {
                rejected.add(new JsonObject().put("row", row).put("field", e.field()).put("reason", e.getMessage()));
            }
            row++;
        }
        return new JsonObject().put("imported", imported).put("rejected", rejected);
    }

    private static List<Map<String, Object>> meters(String spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (spec == null) return out;
        for (String part : spec.split(";")) {
            if (part.isBlank()) continue;
            String[] p = part.split(":");
            Map<String, Object> m = new HashMap<>();
            m.put("id", p[0].trim());
            if (p.length > 1) m.put("multiplier", p[1].trim());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> equipment(String spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (spec == null) return out;
        for (String part : spec.split(";")) {
            if (part.isBlank()) continue;
            String[] p = part.split(":");
            if (p.length < 2) throw new InvalidRecord("equipment", "equipment 格式为 TYPE:ratedKw[:licensed]: " + part);
            Map<String, Object> m = new HashMap<>();
            m.put("type", p[0].trim());
            m.put("ratedKw", p[1].trim());
            m.put("licensed", p.length > 2 && java.util.Set.of("licensed", "true", "yes", "1", "是", "有证").contains(p[2].trim().toLowerCase()));
            out.add(m);
        }
        return out;
    }
}
