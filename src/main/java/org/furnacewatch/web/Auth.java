package org.furnacewatch.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;

/** Bearer-token authentication (401) and role checks (403), per CONTRACT.md "Who may do what". */
public final class Auth {
    static final String PRINCIPAL = "principal";
    private final TokenStore tokens;

    Auth(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** Authenticates and lets only {@code roles} through. */
    public Handler<RoutingContext> allow(Role first, Role... rest) {
        Set<Role> roles = EnumSet.of(first, rest);
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
            Principal p = tokens.resolve(token);
            if (p == null) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                Http.error(ctx, 401, token == null ? "缺少令牌 (missing bearer token)" : "令牌无效 (unknown token)");
                return;
            }
            if (!roles.contains(p.role())) {
                Http.error(ctx, 403, "角色 " + p.role().wire() + " 无权执行此操作 (role may not do this)");
                return;
            }
            ctx.put(PRINCIPAL, p);
            ctx.next();
        };
    }
}
