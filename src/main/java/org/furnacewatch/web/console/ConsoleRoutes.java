package org.furnacewatch.web.console;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.web.ApiServer;
import org.furnacewatch.web.Auth;
import org.furnacewatch.web.Blocking;
import org.furnacewatch.web.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The console (issue 12): sign-in, sessions and the pages for district officers, city offices, analysts and admins,
 * served at {@code /}. Each page has its own class; this one wires them, guards them and serves the packaged assets.
 */
public final class ConsoleRoutes implements ApiServer.Routes {
    private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);
    static final String COOKIE = "fw_session";
    static final String SESSION = "console.session";
    private final Vertx vertx;
    final Console c;

    public ConsoleRoutes(Vertx vertx, Console console) {
        this.vertx = vertx;
        this.c = console;
    }

    @Override
    public void mount(Router router, Auth auth) {
        auth.acceptSessions(COOKIE, value -> {
            Sessions.Session s = c.sessions().resolve(value);
            return s == null ? null : new Auth.CookieSession(s.person().principal(), s.csrf());
        });
        BodyHandler form = BodyHandler.create(false).setBodyLimit(256 * 1024);
        Assets.mount(router);
        router.get("/").handler(this::handleHome);
        router.get("/login").handler(this::handleLoginPage);
        router.post("/login").handler(form).handler(this::handleSignIn);
        router.post("/logout").handler(form).handler(signedIn(Role.DISTRICT, Role.ANALYST, Role.ADMIN)).handler(this::handleSignOut);
        router.get("/password").handler(signedIn(Role.DISTRICT, Role.ANALYST, Role.ADMIN)).handler(this::handlePasswordPage);
        router.post("/password").handler(form).handler(signedIn(Role.DISTRICT, Role.ANALYST, Role.ADMIN)).handler(this::handleChangePassword);
        new InboxPage(this).mount(router, form);
        new AlertStream(this).mount(router);
        new EnterprisePage(this).mount(router);
        new CasePage(this).mount(router, form);
        new CityPage(this).mount(router);
        new AnalystPage(this).mount(router);
        new AdminPage(this).mount(router, form);
    }

    // ---- guard -----------------------------------------------------------------------------------------------------

    /**
     * Lets a signed-in person of one of {@code roles} through. A page asked for without a session goes to the sign-in
     * page; a change (POST) must come from this origin and carry the session's CSRF token ({@code _csrf}).
     */
    Handler<RoutingContext> signedIn(Role first, Role... rest) {
        Set<Role> roles = EnumSet.of(first, rest);
        return ctx -> {
            Cookie cookie = ctx.request().getCookie(COOKIE);
            Sessions.Session s = cookie == null ? null : c.sessions().resolve(cookie.getValue());
            if (s == null) {
                if (ctx.request().method().name().equals("GET")) Pages.redirect(ctx, "/login?next=" + java.net.URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
                else text(ctx, 401, "请先登录 (sign in first)");
                return;
            }
            if (!roles.contains(s.person().role())) {
                Pages.send(ctx, 403, "message.jte", Map.of("frame", frame(s, "无权访问", ""), "message", "您的角色无权访问此页面 (your role may not open this page)"));
                return;
            }
            if (!ctx.request().method().name().equals("GET")) {
                if (!sameOrigin(ctx)) {
                    text(ctx, 403, "来源不符 (cross-origin request refused)");
                    return;
                }
                String token = ctx.request().getFormAttribute("_csrf");
                if (token == null) token = ctx.request().getHeader("X-CSRF-Token");
                if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8))) {
                    text(ctx, 403, "CSRF 令牌错误，请刷新页面后重试 (CSRF token missing or wrong)");
                    return;
                }
            }
            ctx.put(SESSION, s);
            ctx.next();
        };
    }

    /** A POST must name this host as its Origin (or Referer) when the browser sends one. */
    static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) origin = ctx.request().getHeader("Referer");
        if (origin == null) return true; // no header at all: the SameSite cookie and the CSRF token still hold
        try {
            URI u = URI.create(origin);
            String host = ctx.request().authority() == null ? null : ctx.request().authority().toString();
            return host != null && host.equalsIgnoreCase(u.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Sessions.Session session(RoutingContext ctx) {
        return ctx.get(SESSION);
    }

    static Frame frame(Sessions.Session s, String title, String nav) {
        return new Frame(title, nav, s == null ? null : s.person(), s == null ? "" : s.csrf(), null, null);
    }

    static Frame frame(RoutingContext ctx, String title, String nav) {
        Sessions.Session s = session(ctx);
        String ok = ctx.queryParams().get("ok");
        String err = ctx.queryParams().get("err");
        return new Frame(title, nav, s.person(), s.csrf(), ok, err);
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Runs store work off the event loop, then {@code then} on it; failures become an error page. */
    <T> void work(RoutingContext ctx, Callable<T> task, Consumer<T> then) {
        Blocking.run(vertx, task).onSuccess(v -> {
            try {
                then.accept(v);
            } catch (RuntimeException e) {
                fail(ctx, e);
            }
        }).onFailure(e -> fail(ctx, e));
    }

    void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof NotFound) {
            Pages.send(ctx, 404, "message.jte", params("frame", frame(session(ctx), "未找到", ""), "message", e.getMessage()));
            return;
        }
        if (e instanceof Blocking.Busy) {
            ctx.response().putHeader("Retry-After", "1");
            text(ctx, 503, e.getMessage());
            return;
        }
        log.warn("console {} {} failed", ctx.request().method(), ctx.request().path(), e);
        Pages.send(ctx, 500, "message.jte", params("frame", frame(session(ctx), "出错了", ""), "message", "内部错误，请稍后重试 (internal error)"));
    }

    /** Nothing of another jurisdiction: a page for something the person may not see is "not found", never data. */
    static final class NotFound extends RuntimeException {
        NotFound(String m) {
            super(m, null, false, false);
        }
    }

    static void text(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) return;
        Pages.secure(ctx.response()).setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }

    Vertx vertx() {
        return vertx;
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------------

    private void handleHome(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        Sessions.Session s = cookie == null ? null : c.sessions().resolve(cookie.getValue());
        if (s == null) {
            Pages.redirect(ctx, "/login");
            return;
        }
        Person p = s.person();
        Pages.redirect(ctx, switch (p.role()) {
            case ANALYST -> "/analyst";
            case ADMIN -> "/admin";
            default -> p.cityOffice() ? "/city" : "/inbox";
        });
    }

    private void handleLoginPage(RoutingContext ctx) {
        Pages.send(ctx, 200, "login.jte", params("frame", new Frame("登录", "", null, "", null, null), "login", "",
                "next", safeNext(ctx.queryParams().get("next")), "error", ""));
    }

    private void handleSignIn(RoutingContext ctx) {
        String login = String.valueOf(ctx.request().getFormAttribute("login")).strip().toLowerCase();
        String password = ctx.request().getFormAttribute("password");
        String next = safeNext(ctx.request().getFormAttribute("next"));
        String address = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        if (!sameOrigin(ctx)) {
            text(ctx, 403, "来源不符 (cross-origin request refused)");
            return;
        }
        long wait = c.throttle().waitSeconds(login, address);
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", String.valueOf(wait));
            Pages.send(ctx, 429, "login.jte", params("frame", new Frame("登录", "", null, "", null, null), "login", login, "next", next,
                    "error", "登录失败次数过多，请 " + ((wait + 59) / 60) + " 分钟后再试 (too many failed sign-ins)"));
            return;
        }
        Blocking.run(vertx, () -> {
            Person p = c.people().authenticate(login, password == null ? "" : password);
            return p == null ? null : c.sessions().create(p, address);
        }).onSuccess(created -> {
            if (created == null) {
                c.throttle().failed(login, address);
                Pages.send(ctx, 401, "login.jte", params("frame", new Frame("登录", "", null, "", null, null), "login", login, "next", next,
                        "error", "登录名或密码错误 (wrong login or password)"));
                return;
            }
            c.throttle().succeeded(login);
            Cookie cookie = Cookie.cookie(COOKIE, created.cookieValue()).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                    .setPath("/").setMaxAge(Sessions.LIFETIME.toSeconds()).setSecure(ctx.request().isSSL());
            ctx.response().addCookie(cookie);
            Pages.redirect(ctx, next.isEmpty() ? "/" : next);
        }).onFailure(e -> fail(ctx, e));
    }

    /** Only a path on this site: never an absolute URL, a scheme-relative one or a backslash trick. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 500) return "";
        return next;
    }

    private void handleSignOut(RoutingContext ctx) {
        Sessions.Session s = session(ctx);
        work(ctx, () -> {
            c.sessions().end(s, "SIGN_OUT");
            return null;
        }, v -> {
            ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
            Pages.redirect(ctx, "/login");
        });
    }

    private void handlePasswordPage(RoutingContext ctx) {
        Pages.send(ctx, 200, "password.jte", params("frame", frame(ctx, "修改密码", "password")));
    }

    private void handleChangePassword(RoutingContext ctx) {
        Sessions.Session s = session(ctx);
        String current = ctx.request().getFormAttribute("current");
        String next = ctx.request().getFormAttribute("next");
        String again = ctx.request().getFormAttribute("again");
        if (next == null || !next.equals(again)) {
            Pages.redirect(ctx, "/password?err=" + enc("两次输入的新密码不一致 (the new passwords differ)"));
            return;
        }
        work(ctx, () -> {
            try {
                if (!c.people().changePassword(s.person(), current, next, s.person().principal().actor())) return "当前密码错误 (current password is wrong)";
            } catch (People.Invalid e) {
                return e.getMessage();
            }
            c.sessions().endAllOf(s.person().id(), s);
            return null;
        }, problem -> Pages.redirect(ctx, problem == null ? "/password?ok=" + enc("密码已修改，其他会话已退出 (password changed)") : "/password?err=" + enc(problem)));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
