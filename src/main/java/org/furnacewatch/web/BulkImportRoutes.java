package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.registry.EnterpriseForm;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.InvalidRecord;
import org.furnacewatch.registry.Registry;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.furnacewatch.codec.Csv;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/districts/{code}/enterprises} with {@code text/csv}: a whole district's enterprises at
 * once. Columns: creditCode,name,industry,status,capacityKva,meters,equipment,effectiveFrom and optionally address
 * (the enterprise's site) and legalRepresentative, where meters is
 * {@code id:multiplier;id:multiplier} and equipment {@code TYPE:ratedKw:licensed|unlicensed;...}. Each row
 * is stored on its own; bad rows are listed with the reason and do not stop the good ones.
 */
final class BulkImportRoutes {
    private static final List<String> COLUMNS = List.of("creditCode", "name", "industry", "status", "capacityKva", "meters", "equipment", "effectiveFrom",
            "address", "legalRepresentative");
    private final Vertx vertx;
    private final Registry registry;
    private final Clock clock;

    /** The customer file once it is wired (sites and legal representatives from the optional columns). */
    private final java.util.function.Supplier<org.furnacewatch.registry.CustomerFile> customers;

    BulkImportRoutes(Vertx vertx, Registry registry, Clock clock, java.util.function.Supplier<org.furnacewatch.registry.CustomerFile> customers) {
        this.customers = customers;
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
        Blocking.heavy(vertx, () -> importCsv(district, text, actor)).onSuccess(result -> Http.json(ctx, 200, result))
                .onFailure(e -> RegistryRoutes.fail(ctx, e));
    }

    private JsonObject importCsv(String district, String text, String actor) throws Exception {
        int imported = 0;
        JsonArray rejected = new JsonArray();
        try (CSVParser csv = Csv.parse(text)) {
            Map<String, Integer> col = new HashMap<>();
            int row = -1;
            for (CSVRecord record : csv) {
                if (row < 0) {
                    for (int i = 0; i < record.size(); i++) col.putIfAbsent(record.get(i).trim(), i);
                    for (String required : COLUMNS.subList(0, 6)) {
                        if (!col.containsKey(required)) throw new InvalidRecord("header", "CSV 表头缺少列 " + required + " (columns: " + String.join(",", COLUMNS) + ")");
                    }
                    row = 0;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) continue;
                try {
                    Map<String, Object> body = new HashMap<>();
                    for (String c : COLUMNS) {
                        Integer idx = col.get(c);
                        if (idx != null && idx < record.size() && !record.get(idx).isBlank()) body.put(c, record.get(idx).trim());
                    }
                    body.put("district", district);
                    body.put("meters", meters((String) body.get("meters")));
                    body.put("equipment", equipment((String) body.get("equipment")));
                    EnterpriseRecord r = EnterpriseForm.parse((String) body.get("creditCode"), body, clock.instant(), actor);
                    String address = optional(body, "address"), legalRep = optional(body, "legalRepresentative");
                    registry.putEnterprise(r);
                    org.furnacewatch.registry.CustomerFile file = customers.get();
                    if (file != null && (address != null || legalRep != null)) {
                        file.linkEnterprise(r.creditCode(), r.effectiveFrom(), r.district(), address, legalRep, List.of());
                    }
                    imported++;
                } catch (InvalidRecord e) {
                    rejected.add(new JsonObject().put("row", row).put("field", e.field()).put("reason", e.getMessage()));
                }
                row++;
            }
            if (row < 0) throw new InvalidRecord("header", "CSV 为空 (empty CSV)");
        } catch (java.io.UncheckedIOException e) {
            // Commons CSV reports a quote left open as an IOException: the rows before it are kept, the rest is one rejection
            rejected.add(new JsonObject().put("row", -1).put("field", "body").put("reason", "CSV 无法解析 (unparseable CSV): " + e.getCause().getMessage()));
        }
        return new JsonObject().put("imported", imported).put("rejected", rejected);
    }

    private static String optional(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) return null;
        String text = v.toString();
        if (org.furnacewatch.codec.Text.hasControl(text)) throw new InvalidRecord(field, field + " 含控制字符 (a control character)");
        if (text.length() > 200) throw new InvalidRecord(field, field + " 过长 (over 200 characters)");
        return text;
    }

    private static List<Map<String, Object>> meters(String spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (spec == null) return out;
        for (String part : spec.split(";")) {
            if (part.isBlank()) continue;
            String[] p = part.split(":", -1);
            if (p.length > 2 || p[0].isBlank()) throw new InvalidRecord("meters", "meters 格式为 id:倍率;id:倍率 (id:multiplier;...): " + org.furnacewatch.codec.Text.abbreviate(part));
            Map<String, Object> m = new HashMap<>();
            m.put("id", p[0].trim());
            if (p.length > 1 && !p[1].isBlank()) m.put("multiplier", p[1].trim());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> equipment(String spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (spec == null) return out;
        for (String part : spec.split(";")) {
            if (part.isBlank()) continue;
            String[] p = part.split(":", -1);
            if (p.length < 2 || p.length > 3 || p[0].isBlank()) throw new InvalidRecord("equipment", "equipment 格式为 TYPE:ratedKw[:licensed]: " + part);
            Map<String, Object> m = new HashMap<>();
            m.put("type", p[0].trim());
            m.put("ratedKw", p[1].trim());
            m.put("licensed", p.length > 2 && java.util.Set.of("licensed", "true", "yes", "1", "是", "有证").contains(p[2].trim().toLowerCase()));
            out.add(m);
        }
        return out;
    }
}
