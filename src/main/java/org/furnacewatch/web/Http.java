package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers that end a request with JSON. */
final class Http {
    private Http() {}

    static void json(RoutingContext ctx, int status, Object body) {
        String text = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(text);
    }

    static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) return;
        json(ctx, status, new JsonObject().put("error", message));
    }

    static void error(RoutingContext ctx, int status, String field, String message) {
        if (ctx.response().ended()) return;
        json(ctx, status, new JsonObject().put("error", message).put("field", field));
    }

    static Principal principal(RoutingContext ctx) {
        return ctx.get(Auth.PRINCIPAL);
    }
}
