package org.furnacewatch.web.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.web.Blocking;
import org.furnacewatch.web.Principal;
import org.furnacewatch.web.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * 待办 without a reload: {@code GET /inbox/stream} is a Server-Sent Events stream that says "a new alert in your
 * jurisdiction" the moment detection opens one; the page then fetches its rows fragment ({@code /inbox/rows}, rendered
 * and escaped by jte) as before. The stream itself carries no alert data: an event names only the districts the
 * person may see, and a person is told only about those.
 *
 * <p>Design: detection's "opened" hook looks up the alerts' districts off the event loop and publishes them once on
 * the event bus ({@link #ADDRESS}); each HTTP verticle's console holds its own streams and a consumer on its own
 * event loop, so a stream is only ever written from the thread that owns its connection. A comment line every
 * {@link #HEARTBEAT_MS} ms keeps proxies and the server's 120 s idle timeout from closing a quiet stream, and doubles as
 * the moment a stream whose session ended (sign-out, password change, expiry) is closed. A server stop closes the
 * streams first (the connection's shutdown handler), so SSE never holds up a graceful stop.
 */
public final class AlertStream {
    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    static final String ADDRESS = "console.alerts.opened";
    static final long HEARTBEAT_MS = 25_000;
    private final ConsoleRoutes r;
    private final List<Stream> streams = new ArrayList<>();

    private record Stream(HttpServerResponse response, String cookie, Principal who) {}

    AlertStream(ConsoleRoutes r) {
        this.r = r;
    }

    /**
     * Detection's hook (wired in the composition root): the districts of newly opened alerts, published to every
     * console. The lookup runs on the blocking pool, never on detection's thread or an event loop.
     */
    public static Consumer<List<String>> publisher(Vertx vertx, AlertStore alerts) {
        return ids -> Blocking.run(vertx, () -> {
            Set<String> districts = new LinkedHashSet<>();
            for (String id : ids) {
                Alert a = alerts.get(id);
                if (a != null) districts.add(a.district());
            }
            return districts;
        }).onSuccess(d -> {
            if (!d.isEmpty()) vertx.eventBus().publish(ADDRESS, new JsonArray(new ArrayList<>(d)));
        }).onFailure(e -> log.warn("console: could not announce new alerts: {}", e.toString()));
    }

    void mount(Router router) {
        router.get("/inbox/stream").handler(r.signedIn(Role.DISTRICT, Role.ADMIN)).handler(this::handleStream);
        Vertx vertx = r.vertx();
        vertx.eventBus().<JsonArray>consumer(ADDRESS, m -> announce(m.body()));
        vertx.setPeriodic(HEARTBEAT_MS, id -> heartbeat());
    }

    private void handleStream(RoutingContext ctx) {
        Sessions.Session s = ConsoleRoutes.session(ctx);
        HttpServerResponse res = Pages.secure(ctx.response()).setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Content-Encoding", "identity") // never compressed: a compressor may hold an event back
                .putHeader("X-Accel-Buffering", "no");
        Stream stream = new Stream(res, ctx.request().getCookie(ConsoleRoutes.COOKIE).getValue(), s.person().principal());
        streams.add(stream);
        res.closeHandler(v -> streams.remove(stream));
        ctx.request().connection().shutdownHandler(v -> end(stream));
        res.write("retry: 5000\n: 实时推送已连接 (connected)\n\n");
    }

    /** An event to every stream whose person may see one of {@code districts}; nothing to anyone else. */
    private void announce(JsonArray districts) {
        for (Stream s : List.copyOf(streams)) {
            if (!live(s)) continue;
            JsonArray visible = new JsonArray();
            for (Object d : districts) if (d instanceof String code && s.who().canSee(code)) visible.add(code);
            if (!visible.isEmpty()) s.response().write("event: alert\ndata: " + visible.encode() + "\n\n");
        }
    }

    private void heartbeat() {
        for (Stream s : List.copyOf(streams)) if (live(s)) s.response().write(": ping\n\n");
    }

    /**
     * A stream lives as long as its connection and its session; a stream whose session ended is closed, and so is one
     * whose client stopped reading (its write queue full), rather than buffering events for it.
     */
    private boolean live(Stream s) {
        if (s.response().ended() || s.response().closed()) {
            streams.remove(s);
            return false;
        }
        if (r.c.sessions().resolve(s.cookie()) == null || s.response().writeQueueFull()) {
            end(s);
            return false;
        }
        return true;
    }

    private void end(Stream s) {
        streams.remove(s);
        if (!s.response().ended() && !s.response().closed()) s.response().end();
    }
}
