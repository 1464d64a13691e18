package org.furnacewatch.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.ProfileStore;
import org.furnacewatch.codec.Json;
import org.furnacewatch.web.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The analyst view: detection profile versions and a diff between any two, editing the current document (saved
 * through {@code PUT /api/v1/detection/profiles}, so the API's validation answers), and a backtest started from the
 * page ({@code POST /api/v1/backtests}) with its progress and its result drawn as charts (analyst.js).
 */
public final class AnalystPage {
    private final ConsoleRoutes r;

    AnalystPage(ConsoleRoutes r) {
        this.r = r;
    }

    void mount(Router router) {
        router.get("/analyst").handler(r.signedIn(Role.ANALYST, Role.ADMIN)).handler(this::handlePage);
    }

    public record VersionLine(int version, String changedBy, String changedAt, String reason) {}

    public record Change(String path, String before, String after) {}

    private void handlePage(RoutingContext ctx) {
        String a = ctx.queryParams().get("a"), b = ctx.queryParams().get("b");
        r.work(ctx, () -> {
            List<VersionLine> lines = new ArrayList<>();
            for (ProfileStore.Version v : r.c.profiles().versions(false)) {
                lines.add(new VersionLine(v.version(), v.changedBy(), Views.time(v.changedAt(), r.c.zone()), v.reason() == null ? "" : v.reason()));
            }
            ProfileStore.Version current = r.c.profiles().current();
            int vb = parse(b, current.version());
            int va = parse(a, Math.max(1, vb - 1));
            ProfileStore.Version left = r.c.profiles().version(va), right = r.c.profiles().version(vb);
            List<Change> diff = left == null || right == null ? List.of() : diff(left.document(), right.document());
            String document = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(current.document());
            return ConsoleRoutes.params("frame", ConsoleRoutes.frame(ctx, "检测分析", "analyst"), "versions", lines, "a", va, "b", vb,
                    "diff", diff, "document", document, "current", current.version(),
                    "districts", Views.visibleDistricts(r.c.registry(), ConsoleRoutes.session(ctx).person().principal()));
        }, m -> Pages.send(ctx, 200, "analyst.jte", m));
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Every leaf that differs between two profile documents, by its dotted path. */
    static List<Change> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<String, String> l = new TreeMap<>(), rr = new TreeMap<>();
        flatten("", before, l);
        flatten("", after, rr);
        TreeSet<String> keys = new TreeSet<>(l.keySet());
        keys.addAll(rr.keySet());
        List<Change> out = new ArrayList<>();
        for (String k : keys) {
            if (k.equals("version")) continue;
            String x = l.get(k), y = rr.get(k);
            if (x == null ? y != null : !x.equals(y)) out.add(new Change(k, x == null ? "—" : x, y == null ? "—" : y));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
        } else {
            out.put(prefix, String.valueOf(v));
        }
    }
}
