package org.furnacewatch.web.console;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.web.Templates;

import java.util.Map;

/**
 * Renders console pages with jte ({@link Templates}: templates in {@code src/main/jte}, compiled at build time, every {@code ${...}}
 * HTML-escaped for its context) and sends them with the headers that make the console safe by construction: a
 * Content-Security-Policy that allows no inline script or style and nothing from another origin.
 */
public final class Pages {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private Pages() {}

    /** Renders {@code template} (e.g. {@code "inbox.jte"}) with its parameters. */
    public static String render(String template, Map<String, Object> params) {
        return Templates.render(template, params);
    }

    public static void send(RoutingContext ctx, int status, String template, Map<String, Object> params) {
        String html = render(template, params);
        if (ctx.response().ended() || ctx.response().closed()) return;
        secure(ctx.response()).setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
    }

    /** The security headers of every console answer. */
    public static HttpServerResponse secure(HttpServerResponse r) {
        return r.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Cache-Control", "no-store");
    }

    /** Post/redirect/get: back to {@code location}, with an optional notice shown once (query {@code ok}). */
    public static void redirect(RoutingContext ctx, String location) {
        if (ctx.response().ended() || ctx.response().closed()) return;
        secure(ctx.response()).setStatusCode(303).putHeader("Location", location).end();
    }
}
