package org.furnacewatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.calendar.CalendarStore;
import org.furnacewatch.calendar.CalendarYear;
import org.furnacewatch.calendar.WorkingCalendar;
import org.furnacewatch.codec.Json;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;

/**
 * The Chinese working calendar: {@code GET /api/v1/calendar} (the years in force), {@code GET /api/v1/calendar/{year}}
 * (admin, analyst) and {@code PUT /api/v1/calendar/{year}} (admin): when the State Council publishes a year's
 * arrangement, an admin stores it and it is in force at once (escalation working hours, case deadlines, detection's
 * day types) and after every restart.
 */
public final class CalendarRoutes implements ApiServer.Routes {
  private final Vertx vertx;
  private final CalendarStore store;

  public CalendarRoutes(Vertx vertx, CalendarStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  @Override
  public void mount(Router router, Auth auth) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(256 << 10);
    router.get("/api/v1/calendar").handler(auth.allow(ADMIN, ANALYST)).handler(this::handleListYears);
    router.get("/api/v1/calendar/:year").handler(auth.allow(ADMIN, ANALYST)).handler(this::handleGetYear);
    router.put("/api/v1/calendar/:year").handler(body).handler(auth.allow(ADMIN)).handler(this::handlePutYear);
  }

  private void handleListYears(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (CalendarYear y : WorkingCalendar.current().years()) {
      out.add(new JsonObject().put("year", y.year()).put("source", y.source()).put("provisional", y.provisional())
          .put("holidays", y.holidays().size()).put("workdays", y.workdays().size()));
    }
    Http.json(ctx, 200, out);
  }

  private void handleGetYear(RoutingContext ctx) {
    int year = year(ctx);
    if (year < 0) return;
    CalendarYear y = WorkingCalendar.current().year(year);
    if (y == null) {
      Http.error(ctx, 404, "该年份无放假安排 (no arrangement for that year; weekends only)");
      return;
    }
    Blocking.run(vertx, () -> store.stored(year))
        .onSuccess(who -> Http.json(ctx, 200, yearJson(y, who)))
        .onFailure(e -> Http.unavailable(ctx, e));
  }

  private void handlePutYear(RoutingContext ctx) {
    int year = year(ctx);
    if (year < 0) return;
    JsonObject body = RegistryRoutes.jsonBody(ctx);
    if (body == null) return;
    CalendarYear y;
    try {
      y = CalendarYear.fromJson(Json.MAPPER.readTree(body.encode()), year);
    } catch (Exception e) {
      Http.fail(ctx, e);
      return;
    }
    Principal who = Http.principal(ctx);
    Blocking.run(vertx, () -> {
      store.replace(y, who.actor());
      return store.stored(year);
    }).onSuccess(stored -> Http.json(ctx, 200, yearJson(y, stored))).onFailure(e -> Http.unavailable(ctx, e));
  }

  private static JsonObject yearJson(CalendarYear y, String[] stored) {
    return new JsonObject(y.toJson().toString())
        .put("storedBy", stored == null ? null : stored[0])
        .put("storedAt", stored == null ? null : stored[1]);
  }

  /** The path's year, or -1 after answering 400. */
  private static int year(RoutingContext ctx) {
    String s = ctx.pathParam("year");
    if (s == null || !s.matches("\\d{4}") || Integer.parseInt(s) < CalendarYear.FIRST_YEAR || Integer.parseInt(s) > CalendarYear.LAST_YEAR) {
      Http.error(ctx, 400, "year", "年份须为 2000 至 2100 的四位数 (a year 2000-2100)");
      return -1;
    }
    return Integer.parseInt(s);
  }
}
