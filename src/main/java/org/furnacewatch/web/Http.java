package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.furnacewatch.cases.ActionRequest;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.RuleViolation;
import org.furnacewatch.codec.BadInput;
import org.furnacewatch.notify.RoutingConfig;
import org.furnacewatch.registry.InvalidRecord;
import org.furnacewatch.store.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.DateTimeException;

/** Small helpers that end a request with JSON. */
final class Http {
    private static final Logger log = LoggerFactory.getLogger(Http.class);

    private Http() {}

    static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended() || ctx.response().closed()) return;
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

    /**
     * The one mapping from a failure to an answer. What a client sent is 400 naming the field; a store that
     * cannot take the work is 503 with {@code Retry-After}; only our own faults are 500. A runtime exception
     * that can only come from reading client input the wrong way (a cast, a null, a date or number out of range)
     * is answered 400 and logged, so the handler that let it through gets fixed.
     */
    static void fail(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended() || ctx.response().closed()) return;
        switch (e) {
            case BadInput b -> error(ctx, 400, b.field(), b.getMessage());
            case InvalidRecord ir -> error(ctx, 400, ir.field(), ir.getMessage());
            case ActionRequest.Invalid i -> error(ctx, 400, i.field, i.getMessage());
            case RoutingConfig.Invalid i -> error(ctx, 400, i.field, i.getMessage());
            case RuleViolation v -> json(ctx, 409, new JsonObject().put("error", v.getMessage()).put("rule", v.rule.name()).put("cites", v.rule.cites));
            case CaseService.NotFound n -> error(ctx, 404, n.getMessage());
            case CaseService.Conflict c -> error(ctx, 409, c.getMessage());
            case StoreUnavailable s -> {
                ctx.response().putHeader("Retry-After", String.valueOf(s.retryAfterSeconds()));
                error(ctx, 503, s.getMessage());
            }
            case Blocking.Busy b -> {
                ctx.response().putHeader("Retry-After", "1");
                error(ctx, 503, b.getMessage());
            }
            case Exception x when x.getCause() instanceof SQLException -> {
                ctx.response().putHeader("Retry-After", "5");
                error(ctx, 503, "存储暂不可用 (store unavailable)");
            }
            case SQLException s -> {
                ctx.response().putHeader("Retry-After", "5");
                error(ctx, 503, "存储暂不可用 (store unavailable)");
            }
            case HttpException h -> error(ctx, h.getStatusCode(), h.getPayload() != null ? h.getPayload()
                    : h.getStatusCode() == 413 ? "请求体超过上限 (body over the limit)" : "请求无效 (bad request)");
            case ClassCastException c -> clientFault(ctx, e, "字段类型错误 (a field has the wrong type)");
            case NullPointerException n -> clientFault(ctx, e, "缺少必填字段 (a required field is missing or null)");
            case DateTimeException d -> clientFault(ctx, e, "时间或时长超出范围 (a time or duration out of range)");
            case ArithmeticException a -> clientFault(ctx, e, "数值超出范围 (a number out of range)");
            case IllegalArgumentException i -> clientFault(ctx, e, "参数无效 (bad argument): " + i.getMessage());
            case io.vertx.core.json.DecodeException d -> clientFault(ctx, e, "请求体不是合法 JSON (body is not valid JSON)");
            default -> {
                log.error("internal error on {} {}", ctx.request().method(), ctx.request().path(), e);
                error(ctx, 500, "内部错误 (internal error)");
            }
        }
    }

    /**
     * For work that only reads or writes the store: a client's bad input is still 400 and a full pool 503, and
     * anything else is the store being unavailable (503 with Retry-After), as these handlers always answered.
     */
    static void unavailable(RoutingContext ctx, Throwable e) {
        if (e instanceof BadInput || e instanceof InvalidRecord || e instanceof Blocking.Busy || e instanceof RoutingConfig.Invalid
                || e instanceof ActionRequest.Invalid || e instanceof CaseService.NotFound) {
            fail(ctx, e);
            return;
        }
        if (!(e instanceof SQLException) && !(e.getCause() instanceof SQLException)) log.warn("store work failed on {} {}", ctx.request().method(), ctx.request().path(), e);
        ctx.response().putHeader("Retry-After", "5");
        error(ctx, 503, "存储暂不可用 (store unavailable)");
    }

    private static void clientFault(RoutingContext ctx, Throwable e, String message) {
        log.warn("input reached a handler unchecked on {} {}: {}", ctx.request().method(), ctx.request().path(), e.toString());
        error(ctx, 400, ctx.body() != null && ctx.body().length() > 0 ? "body" : "query", message);
    }

    static Principal principal(RoutingContext ctx) {
        return ctx.get(Auth.PRINCIPAL);
    }

    /** {@link #scope}'s answer when the asked code lies outside the caller's jurisdiction (compare by identity). */
    static final String DENIED = new String("denied");

    /**
     * The code a list is limited to: the asked {@code district} when the caller may see it (anything under its
     * jurisdiction), the caller's own code when none is asked, null for "everything" (admin, analyst, nothing
     * asked), or {@link #DENIED}.
     */
    static String scope(Principal who, String district) {
        String mine = who.jurisdiction();
        if (mine == null) return district;
        if (district == null) return mine;
        return org.furnacewatch.registry.Codes.covers(mine, district) ? district : DENIED;
    }
}
