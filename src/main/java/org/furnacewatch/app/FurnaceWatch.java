package org.furnacewatch.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;
import org.furnacewatch.web.Blocking;
import org.furnacewatch.web.HttpVerticle;
import io.vertx.core.VertxOptions;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.alert.Backtester;
import org.furnacewatch.alert.Declarations;
import org.furnacewatch.alert.LabelStore;
import org.furnacewatch.alert.ProfileDocuments;
import org.furnacewatch.alert.ProfileStore;
import org.furnacewatch.alert.DetectionRunner;
import org.furnacewatch.alert.RegistryContexts;
import org.furnacewatch.calendar.CalendarStore;
import org.furnacewatch.calendar.WorkingCalendar;
import org.furnacewatch.cases.CaseRules;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.CaseStore;
import org.furnacewatch.cases.Documents;
import org.furnacewatch.cases.Reports;
import org.furnacewatch.ingest.IngestHandler;
import org.furnacewatch.notify.AlertDelivery;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.registry.RegistryRepository;
import org.furnacewatch.store.Database;
import org.furnacewatch.store.EmbeddedPostgres;
import org.furnacewatch.store.ReadingQueries;
import org.furnacewatch.store.ReadingWriter;
import org.furnacewatch.web.ApiServer;
import org.furnacewatch.web.CalendarRoutes;
import org.furnacewatch.web.ProfileRoutes;
import org.furnacewatch.web.DeliveryRoutes;
import org.furnacewatch.web.Role;
import org.furnacewatch.web.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/** The composition root: builds every part in data-flow order and stops them in reverse. */
public final class FurnaceWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FurnaceWatch.class);

    private final Config config;
    private EmbeddedPostgres embedded;
    private Database db;
    private org.furnacewatch.store.Aggregates aggregates;
    private Vertx vertx;
    private ReadingWriter writer;
    private final java.util.List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int httpPort;
    private Registry registry;
    private TokenStore tokens;
    private RegistryContexts contexts;
    private org.furnacewatch.registry.CustomerFile customers;
    private AlertStore alerts;
    private DetectionRunner detection;
    private ProfileStore profiles;
    private Backtester backtests;
    private CaseService cases;
    private CalendarStore calendar;
    private org.furnacewatch.cases.DeadlineChaser chaser;
    private org.furnacewatch.cases.ReportSchedule schedule;
    private org.furnacewatch.web.console.People people;
    private AlertDelivery delivery;
    private final Clock deliveryClock;
    private final DoubleSupplier jitter;
    private volatile boolean ready;
    private String generatedAdminToken;

    private FurnaceWatch(Config config, Clock deliveryClock, DoubleSupplier jitter) {
        this.config = config;
        this.deliveryClock = deliveryClock;
        this.jitter = jitter;
    }

    public static FurnaceWatch start(Config config) throws Exception {
        return start(config, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With the clock and jitter source of alert delivery (reminders, escalation, retries) injected, for tests. */
    public static FurnaceWatch start(Config config, Clock deliveryClock, DoubleSupplier jitter) throws Exception {
        FurnaceWatch app = new FurnaceWatch(config, deliveryClock, jitter);
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
        db.migrate(config.zone());
        aggregates = db.openAggregates(); // null without TimescaleDB

        PrometheusMeterRegistry metrics = Metrics.registry();
        registry = Registry.load(new RegistryRepository(db.pool()));
        tokens = new TokenStore(db.pool());
        tokens.load();
        bootstrapAdmin();

        writer = new ReadingWriter(db, config.maxPendingRows(), config.maxRowsPerCommit(), metrics);
        ReadingQueries queries = new ReadingQueries(db.pool(), aggregates);
        if (aggregates != null) writer.onCommitted(batches -> aggregates.touched());

        contexts = new RegistryContexts(registry, config.zone());
        customers = org.furnacewatch.registry.CustomerFile.load(new org.furnacewatch.registry.CustomerFileRepository(db.pool()), registry);
        contexts.useCustomerFile(customers);
        org.furnacewatch.ingest.UnregisteredPromoter promoter = new org.furnacewatch.ingest.UnregisteredPromoter(db, registry, writer, clock);
        customers.onMetersRegistered(promoter::registered);
        registry.onChange(h -> promoter.registered(h.latest().meters().stream().map(org.furnacewatch.registry.MeterSpec::id).toList()));
        Declarations declarations = new Declarations(db.pool(), contexts);
        declarations.loadAll();
        alerts = new AlertStore(db.pool(), config.zone());
        profiles = new ProfileStore(db.pool());
        String publicUrl = config.publicUrl();
        delivery = new AlertDelivery(db, registry, alerts, deliveryClock, jitter, config.zone(), metrics,
                () -> publicUrl != null && !publicUrl.isBlank() ? publicUrl.replaceAll("/+$", "") : "http://127.0.0.1:" + httpPort,
                config.environment());
        delivery.load(db); // the outbox hook runs inside the alert transaction from the first replayed finding on
        calendar = new CalendarStore(db.pool());
        WorkingCalendar workingCalendar = calendar.load(); // the shipped file with the years an admin stored
        detection = new DetectionRunner(registry, contexts, alerts, db, profileInForce(), workingCalendar.days(), config.zone(), metrics);
        detection.settleAfterQuiet(config.settleQuiet());
        detection.onOpened(ids -> delivery.nudge());
        detection.start(); // replays stored readings before any new one is accepted
        writer.onCommitted(detection::committed);
        profiles.onChange(v -> detection.reload(ProfileDocuments.resolver(v.document())));
        calendar.onChange(c -> detection.reload(c.days()));
        LabelStore labels = new LabelStore(db.pool());
        backtests = new Backtester(registry, contexts, db, labels, config.zone());

        vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16).setEventLoopPoolSize(Math.max(1, config.httpInstances())));
        detection.onOpened(org.furnacewatch.web.console.AlertStream.publisher(vertx, alerts)); // 待办 is told at once (SSE)
        Blocking.configure(vertx, config.blockingThreads(), Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                config.maxBlockingQueue());
        IngestHandler ingest = new IngestHandler(registry, writer, config.maxBodyBytes(), clock, metrics)
                .boundDetection(detection::pending, config.maxDetectionPending())
                .parseOn(Blocking::run);
        CaseStore caseStore = new CaseStore(db.pool(), new CaseRules(config.zone()));
        cases = new CaseService(caseStore, new CaseRules(config.zone()), registry, alerts, clock, config.zone());
        chaser = new org.furnacewatch.cases.DeadlineChaser(db.pool(), caseStore, new org.furnacewatch.notify.Receivers(registry), registry,
                config.zone());
        org.furnacewatch.cases.Documents caseDocuments = new org.furnacewatch.cases.Documents(registry, config.zone());
        schedule = new org.furnacewatch.cases.ReportSchedule(db.pool(), caseStore, registry,
                new org.furnacewatch.cases.Reports(registry, caseDocuments, config.zone()), caseDocuments, config.zone());
        chaser.withSource(schedule);
        org.furnacewatch.inspect.Inspections inspections = new org.furnacewatch.inspect.Inspections(
                new org.furnacewatch.inspect.InspectionStore(db.pool(), config.zone()), cases, registry, alerts);
        chaser.withSource(inspections);
        delivery.worker().everyTick(schedule::tick); // generate first, so a report generated on its due date is not chased
        delivery.worker().everyTick(chaser::tick);
        Documents documents = new Documents(registry, config.zone());
        Reports reports = new Reports(registry, documents, config.zone());
        people = new org.furnacewatch.web.console.People(db.pool());
        org.furnacewatch.web.console.Sessions sessions = new org.furnacewatch.web.console.Sessions(db.pool(), clock);
        sessions.load();
        org.furnacewatch.web.console.Console console = new org.furnacewatch.web.console.Console(people, sessions,
                new org.furnacewatch.web.console.Throttle(clock), registry, alerts, cases, delivery, labels, profiles, backtests, queries,
                documents, reports, clock, config.zone());
        java.nio.file.Path uploads = config.dataDir().resolve("uploads");
        java.nio.file.Files.createDirectories(uploads);
        Function<Vertx, ApiServer> routes = v -> new ApiServer(v, tokens, registry, queries, ingest, metrics,
                () -> ready && writer.storeUp(), clock, config.zone(), config.bodyIdleTimeout())
                .withCustomerFile(new org.furnacewatch.web.CustomerFileRoutes(v, customers, db, clock, config.zone()), customers)
                .withDetection(alerts, detection, config.zone())
                .mount(new ProfileRoutes(v, profiles, backtests, labels, alerts, registry, config.zone()))
                .mount(new DeliveryRoutes(v, delivery, alerts, registry, queries, config.zone()))
                .mount(new org.furnacewatch.web.StoreRoutes(db, aggregates))
                .mount(new CalendarRoutes(v, calendar))
                .withDeclarations(registry, declarations)
                .withCases(cases, documents, reports, uploads, config.zone())
                .mount(new org.furnacewatch.web.SupervisionRoutes(v, cases, new org.furnacewatch.cases.Supervision(db.pool())))
                .mount(new org.furnacewatch.web.PolicyReportRoutes(v, cases, schedule, reports, documents,
                        new org.furnacewatch.cases.Ledgers(db.pool(), caseStore, registry, config.zone())))
                .mount(new org.furnacewatch.web.InspectionRoutes(v, cases, inspections, config.zone()))
                .mount(new org.furnacewatch.web.console.ConsoleRoutes(v, console));
        // one Future chain: the HTTP instances (one per event loop, sharing the port; a negative port makes
        // Vert.x share one random port among them), then delivery, then ready
        int instances = Math.max(1, config.httpInstances());
        int port = config.httpPort() == 0 ? -1 : config.httpPort();
        java.util.Queue<HttpVerticle> started = new java.util.concurrent.ConcurrentLinkedQueue<>();
        vertx.deployVerticle(() -> {
                    HttpVerticle h = new HttpVerticle(routes, port);
                    started.add(h);
                    return h;
                }, new DeploymentOptions().setInstances(instances))
                .compose(id -> {
                    deployments.add(id);
                    httpPort = started.peek().port();
                    return vertx.executeBlocking(() -> {
                        delivery.start();
                        ready = true;
                        return null;
                    });
                })
                .await(60, TimeUnit.SECONDS);
        log.info("Furnace Watch 地条钢用电监测 listening on :{} with {} HTTP event loops ({} enterprises registered)", httpPort, instances,
                registry.enterpriseCount());
    }

    /** The stored profile version in force (the shipped one becomes version 1 when none is stored). */
    private org.furnacewatch.detect.ProfileResolver profileInForce() throws java.sql.SQLException {
        ProfileStore.Version v = profiles.initialize(Profiles.document());
        try {
            return ProfileDocuments.resolver(v.document());
        } catch (IllegalArgumentException e) {
            log.error("stored detection profile version {} no longer loads ({}); using the shipped profile until a new version is stored",
                    v.version(), e.getMessage());
            return Profiles.load();
        }
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
        return httpPort;
    }

    public Registry registry() {
        return registry;
    }

    /** The console's people (issue 12). */
    public org.furnacewatch.web.console.People people() {
        return people;
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

    /** The continuous aggregates with their refresher, or null without TimescaleDB. */
    public org.furnacewatch.store.Aggregates aggregates() {
        return aggregates;
    }

    public AlertDelivery delivery() {
        return delivery;
    }

    /** SIGTERM: stop listening, let the writer finish what it acknowledged-to-be, then stop the store. */
    @Override
    public void close() {
        ready = false;
        try {
            if (vertx != null) Future.all(deployments.stream().map(vertx::undeploy).toList()).await(20, TimeUnit.SECONDS);
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
        if (backtests != null) backtests.close();
        try {
            if (aggregates != null) aggregates.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (delivery != null) delivery.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (vertx != null) {
            Blocking.close(vertx);
            vertx.close().await();
        }
        if (db != null) db.close();
        try {
            if (embedded != null) embedded.close();
        } catch (Exception e) {
            log.warn("embedded PostgreSQL stop: {}", e.toString());
        }
    }
}
