package org.furnacewatch.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.furnacewatch.store.Aggregates;
import org.furnacewatch.store.Database;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;

/**
 * {@code GET /api/v1/store} (admin, analyst): what the time-series store runs on, as start-up found it (the same
 * words as its log line): {@code layout} "timescaledb" or "partitions", versions, whether TimescaleDB is preloaded,
 * and why it is not used when it is installed.
 */
public final class StoreRoutes implements ApiServer.Routes {
    private final Database db;
    private final Aggregates aggregates;

    public StoreRoutes(Database db, Aggregates aggregates) {
        this.db = db;
        this.aggregates = aggregates;
    }

    @Override
    public void mount(Router router, Auth auth) {
        router.get("/api/v1/store").handler(auth.allow(ADMIN, ANALYST)).handler(ctx -> {
            Database.StoreInfo i = db.info();
            JsonObject out = new JsonObject()
                    .put("server", i.server())
                    .put("layout", i.layout())
                    .put("timescaledbAvailable", i.timescaleAvailable())
                    .put("timescaledbInstalled", i.timescaleInstalled())
                    .put("preloaded", i.preloaded())
                    .put("note", i.note())
                    .put("description", i.describe());
            if (aggregates != null) {
                out.put("aggregates", new JsonObject()
                        .put("views", new io.vertx.core.json.JsonArray().add("readings_hourly").add("readings_daily"))
                        .put("zone", aggregates.zone().getId())
                        .put("refreshes", aggregates.refreshes())
                        .put("bucketsServed", aggregates.bucketsFromAggregate()));
            }
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(out.encode());
        });
    }
}
