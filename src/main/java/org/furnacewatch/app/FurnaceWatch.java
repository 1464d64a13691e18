package org.furnacewatch.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.alert.Declarations;
import org.furnacewatch.alert.DetectionRunner;
import org.furnacewatch.alert.RegistryContexts;
import org.furnacewatch.ingest.IngestHandler;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.registry.RegistryRepository;
import org.furnacewatch.store.Database;
import org.furnacewatch.store.EmbeddedPostgres;
import org.furnacewatch.store.ReadingQueries;
import org.furnacewatch.store.ReadingWriter;
import org.furnacewatch.web.ApiServer;
import org.furnacewatch.web.Role;
import org.furnacewatch.web.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The composition root: builds every part in data-flow order and stops them in reverse. */
public final class FurnaceWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FurnaceWatch.class);

    private final Config config;
    private EmbeddedPostgres embedded;
    private Database db;
    private Vertx vertx;
    private ReadingWriter writer;
    private ApiServer api;
    private Registry registry;
    private TokenStore tokens;
    private RegistryContexts contexts;
    private AlertStore alerts;
    private DetectionRunner detection;
    private volatile boolean ready;
    private String generatedAdminToken;

    private FurnaceWatch(Config config) {
        this.config = config;
    }

    public static FurnaceWatch start(Config config) throws Exception {
        FurnaceWatch app = new FurnaceWatch(config);
        app.startParts();
        return app;
    }

    private void startParts() throws Exception {
        Clock clock = Clock.systemUTC();
        String url = config.dbUrl();
        String user = config.dbUser();
        if (config.embedded()) {
            embedded = EmbeddedPostgres.start(config.dataDir(), 0);
            url = embedded.jdbcUrl();
            user = EmbeddedPostgres.USER;
        }
        db = new Database(url, user, config.dbPassword(), 12);
        db.migrate();

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry = Registry.load(new RegistryRepository(db.pool()));
        tokens = new TokenStore(db.pool());
        tokens.load();
        bootstrapAdmin();

        writer = new ReadingWriter(db, config.maxPendingRows(), config.maxRowsPerCommit(), metrics);
        ReadingQueries queries = new ReadingQueries(db.pool());

        contexts = new RegistryContexts(registry, config.zone());
        Declarations declarations = new Declarations(db.pool(), contexts);
        declarations.loadAll();
        alerts = new AlertStore(db.pool(), config.zone());
        detection = new DetectionRunner(registry, contexts, alerts, db, Profiles.load(), config.zone(), metrics);
        detection.start(); // replays stored readings before any new one is accepted
        writer.onCommitted(detection::committed);

        vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16));
        IngestHandler ingest = new IngestHandler(registry, writer, config.maxBodyBytes(), clock, metrics);
        api = new ApiServer(vertx, tokens, registry, queries, ingest, metrics, () -> ready && writer.storeUp(), clock, config.zone())
                .withDetection(alerts, detection, config.zone())
                .withDeclarations(registry, declarations);
        api.listen(config.httpPort()).await(30, TimeUnit.SECONDS);
        ready = true;
        log.info("Furnace Watch 地条钢用电监测 listening on :{} ({} enterprises registered)", api.port(), registry.enterpriseCount());
    }

    private void bootstrapAdmin() throws Exception {
        if (config.adminToken() != null) {
            tokens.ensure(config.adminToken(), Role.ADMIN, "WATCH_ADMIN_TOKEN");
        } else if (!tokens.anyAdmin()) {
            generatedAdminToken = tokens.create(Role.ADMIN, null, "generated at first start", "system");
        }
    }

    /** The admin token generated at this start, or null when one was configured or already existed. */
    public String generatedAdminToken() {
        return generatedAdminToken;
    }

    public int httpPort() {
        return api.port();
    }

    public Registry registry() {
        return registry;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public DetectionRunner detection() {
        return detection;
    }

    public Database database() {
        return db;
    }

    /** SIGTERM: stop listening, let the writer finish what it acknowledged-to-be, then stop the store. */
    @Override
    public void close() {
        ready = false;
        try {
            if (api != null) api.close().await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("HTTP shutdown: {}", e.toString());
        }
        try {
            if (writer != null) writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (detection != null) detection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (vertx != null) vertx.close().await();
        if (db != null) db.close();
        try {
            if (embedded != null) embedded.stop();
        } catch (Exception e) {
            log.warn("embedded PostgreSQL stop: {}", e.toString());
        }
    }
}
