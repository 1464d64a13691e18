package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.Declarations;
import org.furnacewatch.registry.Registry;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PUT /api/v1/enterprises/{creditCode}/declarations} (admin, analyst): declared monthly output and sales,
 * {@code [{"month":"2025-03","outputTonnes":120.5,"salesYuan":480000}]}; either figure may be omitted or null.
 */
final class DeclarationRoutes {
    private final Vertx vertx;
    private final Registry registry;
    private final Declarations declarations;

    DeclarationRoutes(Vertx vertx, Registry registry, Declarations declarations) {
        this.vertx = vertx;
        this.registry = registry;
        this.declarations = declarations;
    }

    void handlePut(RoutingContext ctx) {
        String code = ctx.pathParam("creditCode");
        if (registry.enterprise(code) == null) {
            Http.error(ctx, 404, "企业不存在 (no such enterprise)");
            return;
        }
        JsonArray body;
        try {
            body = ctx.body().asJsonArray();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            Http.error(ctx, 400, "请求体须为 JSON 数组 (body must be a JSON array of months)");
            return;
        }
        List<Declarations.Month> months = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String field = "[" + i + "]";
            Object o = body.getValue(i);
            if (!(o instanceof JsonObject m)) {
                Http.error(ctx, 400, field, field + " 须为对象 (must be an object)");
                return;
            }
            YearMonth month;
            try {
                month = YearMonth.parse(String.valueOf(m.getValue("month")));
            } catch (DateTimeParseException e) {
                Http.error(ctx, 400, field + ".month", field + ".month 须为 YYYY-MM");
                return;
            }
            double tonnes = number(m, "outputTonnes"), yuan = number(m, "salesYuan");
            if (Double.isInfinite(tonnes) || Double.isInfinite(yuan)) {
                String f = Double.isInfinite(tonnes) ? "outputTonnes" : "salesYuan";
                Http.error(ctx, 400, field + "." + f, field + "." + f + " 须为非负数 (must be a number >= 0)");
                return;
            }
            months.add(new Declarations.Month(month, tonnes, yuan));
        }
        String actor = Http.principal(ctx).actor();
        Blocking.run(vertx, () -> {
            declarations.put(code, months, actor);
            return months.size();
        }).onSuccess(n -> Http.json(ctx, 200, new JsonObject().put("creditCode", code).put("months", n)))
          .onFailure(e -> Http.unavailable(ctx, e));
    }

    /** NaN when absent or null, +Infinity when not a non-negative finite number (an error marker). */
    private static double number(JsonObject m, String key) {
        Object v = m.getValue(key);
        if (v == null) return Double.NaN;
        if (!(v instanceof Number n)) return Double.POSITIVE_INFINITY;
        double d = n.doubleValue();
        return d >= 0 && Double.isFinite(d) ? d : Double.POSITIVE_INFINITY;
    }
}
