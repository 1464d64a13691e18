package org.furnacewatch.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.notify.Deliveries;
import org.furnacewatch.registry.District;
import org.furnacewatch.web.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admin: people (created here, with a first password the person changes), districts and their receivers (secrets
 * never shown), parked deliveries with retry, and the routing settings (edited through {@code PUT /api/v1/routing}).
 */
public final class AdminPage {
    private final ConsoleRoutes r;

    AdminPage(ConsoleRoutes r) {
        this.r = r;
    }

    void mount(Router router, BodyHandler form) {
        router.get("/admin").handler(r.signedIn(Role.ADMIN)).handler(this::handlePage);
        router.post("/admin/people").handler(form).handler(r.signedIn(Role.ADMIN)).handler(this::handleCreatePerson);
        router.post("/admin/people/:login/disable").handler(form).handler(r.signedIn(Role.ADMIN)).handler(this::handleDisablePerson);
        router.post("/admin/deliveries/:id/retry").handler(form).handler(r.signedIn(Role.ADMIN)).handler(this::handleRetry);
    }

    public record DistrictLine(String code, String name, String parent, String receivers) {}

    public record Parked(long id, String alertId, String district, String channel, int attempts, String error, String parkedAt) {}

    private void handlePage(RoutingContext ctx) {
        r.work(ctx, () -> {
            List<DistrictLine> districts = new ArrayList<>();
            for (District d : r.c.registry().districts()) {
                List<String> rec = new ArrayList<>();
                for (Map<String, Object> m : d.receivers()) rec.add(m.get("type") + " " + m.getOrDefault("url", m.getOrDefault("to", "")));
                districts.add(new DistrictLine(d.code(), d.name(), d.parent() == null ? "" : d.parent(), rec.isEmpty() ? "（无，按上级路由）" : String.join("；", rec)));
            }
            districts.sort(java.util.Comparator.comparing(DistrictLine::code));
            List<Parked> parked = new ArrayList<>();
            for (Deliveries.Delivery d : r.c.delivery().deliveries().list("PARKED", null, 200)) {
                parked.add(new Parked(d.id(), d.alertId().toString(), d.district(), d.channel(), d.attempts(), d.lastError() == null ? "" : d.lastError(),
                        Views.time(d.parkedAt(), r.c.zone())));
            }
            return ConsoleRoutes.params("frame", ConsoleRoutes.frame(ctx, "系统管理", "admin"), "people", r.c.people().list(),
                    "districts", districts, "parked", parked);
        }, m -> Pages.send(ctx, 200, "admin.jte", m));
    }

    private void handleCreatePerson(RoutingContext ctx) {
        Person admin = ConsoleRoutes.session(ctx).person();
        var f = ctx.request().formAttributes();
        Role role = Role.parse(f.get("role"));
        r.work(ctx, () -> {
            try {
                Person p = r.c.people().create(f.get("login"), f.get("name"), f.get("unit"), role, f.get("jurisdiction"), f.get("password"),
                        admin.principal().actor());
                return "/admin?ok=" + ConsoleRoutes.enc("已创建用户 " + p.login());
            } catch (People.Invalid e) {
                return "/admin?err=" + ConsoleRoutes.enc(e.getMessage());
            }
        }, location -> Pages.redirect(ctx, location));
    }

    private void handleDisablePerson(RoutingContext ctx) {
        Person admin = ConsoleRoutes.session(ctx).person();
        String login = ctx.pathParam("login");
        r.work(ctx, () -> {
            Person p = r.c.people().byLogin(login);
            if (p == null) throw new ConsoleRoutes.NotFound("用户不存在");
            if (p.id() == admin.id()) return "/admin?err=" + ConsoleRoutes.enc("不能停用自己");
            r.c.people().disable(login, admin.principal().actor());
            r.c.sessions().endAllOf(p.id(), null);
            return "/admin?ok=" + ConsoleRoutes.enc("已停用 " + login);
        }, location -> Pages.redirect(ctx, location));
    }

    private void handleRetry(RoutingContext ctx) {
        Person admin = ConsoleRoutes.session(ctx).person();
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ConsoleRoutes.text(ctx, 400, "id");
            return;
        }
        r.work(ctx, () -> {
            boolean ok = r.c.delivery().deliveries().retry(id, admin.principal().actor(), r.c.clock().instant());
            if (ok) r.c.delivery().nudge();
            return ok;
        }, ok -> Pages.redirect(ctx, "/admin?" + (ok ? "ok=" + ConsoleRoutes.enc("已重新投递 #" + id) : "err=" + ConsoleRoutes.enc("该投递不在搁置状态"))));
    }
}
