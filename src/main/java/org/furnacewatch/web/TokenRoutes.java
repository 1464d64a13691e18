package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.registry.Codes;

/** {@code POST /api/v1/tokens} (admin). */
final class TokenRoutes {
    private final Vertx vertx;
    private final TokenStore tokens;

    TokenRoutes(Vertx vertx, TokenStore tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
    }

    void handleCreateToken(RoutingContext ctx) {
        JsonObject body = RegistryRoutes.jsonBody(ctx);
        if (body == null) return;
        Role role = Role.parse(body.getString("role"));
        if (role == null) {
            Http.error(ctx, 400, "role", "role 须为 feed、district、analyst 或 admin");
            return;
        }
        String district = body.getString("district");
        if (role == Role.DISTRICT && !Codes.isDistrictCode(district)) {
            Http.error(ctx, 400, "district", "district 角色须给出六位区县代码 (district required for the district role)");
            return;
        }
        if (role != Role.DISTRICT && district != null) {
            Http.error(ctx, 400, "district", "只有 district 角色可以带 district (district only for the district role)");
            return;
        }
        String name = body.getString("name", role.wire());
        Principal who = Http.principal(ctx);
        Blocking.run(vertx, () -> tokens.create(role, district, name, who.actor()))
                .onSuccess(token -> Http.json(ctx, 201, new JsonObject().put("token", token).put("role", role.wire())
                        .put("district", district).put("name", name)))
                .onFailure(e -> Http.fail(ctx, e));
    }
}
