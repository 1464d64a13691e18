package org.furnacewatch.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.alert.DetectionRunner;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.cases.Reports;
import org.furnacewatch.ingest.IngestHandler;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingQueries;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.BooleanSupplier;

import static org.furnacewatch.web.Role.ADMIN;
import static org.furnacewatch.web.Role.ANALYST;
import static org.furnacewatch.web.Role.DISTRICT;
import static org.furnacewatch.web.Role.FEED;

/** The HTTP interface of CONTRACT.md: one router, small handlers grouped by what they serve. */
public final class ApiServer {
    private final Vertx vertx;
    private final Router router;
    private HttpServer server;

    /** Extra routes added by later stages (detection, alerts, cases) through this hook. */
    public interface Routes {
        void mount(Router router, Auth auth);
    }

    public ApiServer(Vertx vertx, TokenStore tokens, Registry registry, ReadingQueries queries, IngestHandler ingest,
                     PrometheusMeterRegistry metrics, BooleanSupplier ready, Clock clock, ZoneId zone, java.time.Duration bodyIdleTimeout) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        Edge edge = new Edge(bodyIdleTimeout.toMillis());
        router.route().handler(edge::guard).failureHandler(edge::failure);
        Auth auth = new Auth(tokens);
        registryRoutes = new RegistryRoutes(vertx, registry, clock);
        TokenRoutes tokenRoutes = new TokenRoutes(vertx, tokens);
        ReadingQueryRoutes seriesRoutes = new ReadingQueryRoutes(vertx, registry, queries, clock, zone);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(16L << 20);

        router.get("/health/ready").handler(ctx -> ctx.response().setStatusCode(ready.getAsBoolean() ? 200 : 503)
                .end(ready.getAsBoolean() ? "ready" : "not ready"));
        router.get("/health/live").handler(ctx -> ctx.response().end("live"));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        String openApi = resource("openapi.yaml");
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi));

        router.post("/api/v1/readings").handler(auth.allow(FEED, ADMIN)).handler(ingest::handleSubmitReadings);
        router.post("/api/v1/tokens").handler(body).handler(auth.allow(ADMIN)).handler(tokenRoutes::handleCreateToken);
        router.put("/api/v1/districts/:code").handler(body).handler(auth.allow(ADMIN)).handler(registryRoutes::handlePutDistrict);
        router.get("/api/v1/districts").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(registryRoutes::handleGetDistricts);
        router.put("/api/v1/enterprises/:creditCode").handler(body).handler(auth.allow(ADMIN)).handler(registryRoutes::handlePutEnterprise);
        router.get("/api/v1/enterprises").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(registryRoutes::handleListEnterprises);
        router.get("/api/v1/enterprises/:creditCode").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(registryRoutes::handleGetEnterprise);
        router.get("/api/v1/enterprises/:creditCode/readings").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(seriesRoutes::handleGetSeries);
        router.post("/api/v1/districts/:code/enterprises").handler(body).handler(auth.allow(ADMIN))
                .handler(new BulkImportRoutes(vertx, registry, clock, () -> registryRoutes.customers)::handleImport);
        this.auth = auth;
        router.errorHandler(500, edge::failure);
    }

    private final Auth auth;
    private final RegistryRoutes registryRoutes;
    private Related related;

    /**
     * The customer file and sites (issue 10): its endpoints, an enterprise's address and legal representative on
     * PUT, and related enterprises on alerts and cases. Call before {@link #withDetection} and {@link #withCases}.
     */
    public ApiServer withCustomerFile(CustomerFileRoutes routes, org.furnacewatch.registry.CustomerFile file) {
        routes.mount(router, auth);
        registryRoutes.customers = file;
        related = routes.related();
        return this;
    }

    /** The detection and alert endpoints of CONTRACT.md. */
    public ApiServer withDetection(AlertStore alerts, DetectionRunner runner, ZoneId zone) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(32L << 20);
        AlertRoutes alertRoutes = new AlertRoutes(vertx, alerts, zone, related);
        DetectionRoutes detection = new DetectionRoutes(vertx, runner, zone);
        router.get("/api/v1/alerts").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(alertRoutes::handleListAlerts);
        router.get("/api/v1/alerts/:id").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(alertRoutes::handleGetAlert);
        router.post("/api/v1/alerts/:id/ack").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(alertRoutes::handleAck);
        router.get("/api/v1/detection/status").handler(auth.allow(ADMIN, ANALYST, DISTRICT, FEED)).handler(detection::handleStatus);
        router.post("/api/v1/detection/advance").handler(body).handler(auth.allow(ADMIN, ANALYST)).handler(detection::handleAdvance);
        router.post("/api/v1/series/score").handler(body).handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(detection::handleScore);
        return this;
    }

    /** Compliance cases, the yellow and red lists, documents and annual reports (issue 5). */
    public ApiServer withCases(CaseService cases, Documents documents, Reports reports, java.nio.file.Path uploads, ZoneId zone) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1L << 20);
        BodyHandler files = BodyHandler.create(uploads.toString()).setBodyLimit(64L << 20).setDeleteUploadedFilesOnEnd(true);
        CaseRoutes c = new CaseRoutes(vertx, cases, documents, zone, related);
        ListRoutes lists = new ListRoutes(vertx, cases, documents, zone);
        ReportRoutes reportRoutes = new ReportRoutes(vertx, cases, documents, reports);
        router.post("/api/v1/cases").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(c::handleOpenCase);
        router.get("/api/v1/cases").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(c::handleListCases);
        router.get("/api/v1/cases/:id").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(c::handleGetCase);
        router.post("/api/v1/cases/:id/actions").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(c::handleAct);
        router.post("/api/v1/cases/:id/evidence").handler(files).handler(auth.allow(ADMIN, DISTRICT)).handler(c::handleAddEvidence);
        router.get("/api/v1/cases/:id/evidence").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(c::handleListEvidence);
        router.get("/api/v1/cases/:id/evidence/:evidenceId").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(c::handleGetEvidence);
        router.get("/api/v1/cases/:id/documents/:type").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(c::handleDocument);
        router.get("/api/v1/districts/:code/case-departments").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(c::handleGetDepartments);
        router.put("/api/v1/districts/:code/case-departments").handler(body).handler(auth.allow(ADMIN, DISTRICT)).handler(c::handlePutDepartments);
        router.get("/api/v1/lists/yellow").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(lists::handleYellow);
        router.get("/api/v1/lists/red").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(lists::handleRed);
        router.get("/api/v1/reports/annual").handler(auth.allow(ADMIN, ANALYST, DISTRICT)).handler(reportRoutes::handleAnnual);
        return this;
    }

    /** {@code PUT /api/v1/enterprises/{creditCode}/declarations} (admin, analyst). */
    public ApiServer withDeclarations(Registry registry, org.furnacewatch.alert.Declarations declarations) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1L << 20);
        DeclarationRoutes routes = new DeclarationRoutes(vertx, registry, declarations);
        router.put("/api/v1/enterprises/:creditCode/declarations").handler(body).handler(auth.allow(ADMIN, ANALYST)).handler(routes::handlePut);
        return this;
    }

    public ApiServer mount(Routes routes) {
        routes.mount(router, auth);
        return this;
    }

    /**
     * Adds the catch-all 404 after every stage has mounted its routes, then listens. A negative port is Vert.x's
     * "a random port shared by every server that asks for this same negative number" (tests, benchmarks).
     */
    public Future<HttpServer> listen(int port) {
        router.route("/api/*").handler(ctx -> Http.error(ctx, 404, "无此接口 (no such endpoint)"));
        HttpServerOptions options = new HttpServerOptions()
                .setCompressionSupported(true).setDecompressionSupported(true).setIdleTimeout(120);
        // map, not onSuccess: the server must be set before anyone waiting on the future sees it complete
        return vertx.createHttpServer(options).requestHandler(router).listen(port, "0.0.0.0").map(s -> {
            server = s;
            return s;
        });
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.shutdown();
    }

    public int port() {
        return server.actualPort();
    }

    private static String resource(String name) {
        try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
