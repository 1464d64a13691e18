package org.furnacewatch.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Bearer-token authentication (401) and role checks (403), per CONTRACT.md "Who may do what". A signed-in person of
 * the console is accepted too, by session cookie: the same {@link Principal}, so the same checks apply; a change
 * (any method but GET/HEAD) made with a cookie must carry the session's CSRF token in {@code X-CSRF-Token}.
 */
public final class Auth {
    static final String PRINCIPAL = "principal";
    private final TokenStore tokens;

    /** A console session as the API sees it. */
    public record CookieSession(Principal principal, String csrf) {}

    private volatile String cookieName;
    private volatile Function<String, CookieSession> sessions;

    /** Accepts console sessions from cookie {@code name} (after tokens). */
    public void acceptSessions(String name, Function<String, CookieSession> resolver) {
        this.cookieName = name;
        this.sessions = resolver;
    }

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
            if (p == null && token == null && sessions != null && ctx.request().getCookie(cookieName) != null) {
                CookieSession s = sessions.apply(ctx.request().getCookie(cookieName).getValue());
                if (s != null) {
                    String method = ctx.request().method().name();
                    if (!method.equals("GET") && !method.equals("HEAD") && !java.security.MessageDigest.isEqual(
                            s.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            String.valueOf(ctx.request().getHeader("X-CSRF-Token")).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                        Http.error(ctx, 403, "缺少或错误的 CSRF 令牌 (missing or wrong X-CSRF-Token)");
                        return;
                    }
                    p = s.principal();
                }
            }
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
