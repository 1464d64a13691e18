package org.furnacewatch.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Works the outbox. Each tick: escalate and remind what is due, then claim due deliveries and run each through
 * its receiver's pipeline {@link RenderStage} -> {@link SendStage} -> {@link RetryStage} -> {@link RecordStage} on
 * its own virtual thread, so one slow receiver holds up no other: DELIVERED in the transaction that observes the
 * 2xx; otherwise retried after exponential backoff with jitter; after {@code maxTries} (or an error that cannot be
 * retried) PARKED for an admin.
 * All state is in PostgreSQL, so a restart resumes where the last run stopped (at-least-once; the
 * Idempotency-Key lets receivers drop the rare repeat of an attempt whose answer was lost in a crash).
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final long METRICS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_IN_FLIGHT = 64;

    private final DataSource db;
    private final Deliveries deliveries;
    private final Escalator escalator;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Semaphore nudges = new Semaphore(0);
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Stage<Attempt> perReceiver;
    private final MultiGauge unacknowledged;
    private final List<java.util.function.Consumer<Instant>> tickTasks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private long lastMetrics;

    public DeliveryWorker(DataSource db, Deliveries deliveries, Escalator escalator, AlertStore alerts, Registry registry,
                          RoutingStore routing, EvidenceLinks links, Map<String, Notifier> notifiers, Clock clock,
                          DoubleSupplier jitter, ZoneId zone, MeterRegistry metrics) {
        this.db = db;
        this.deliveries = deliveries;
        this.escalator = escalator;
        this.clock = clock;
        this.metrics = metrics;
        metrics.gauge("watch_deliveries_parked", parked);
        metrics.gauge("watch_deliveries_pending", pending);
        this.unacknowledged = MultiGauge.builder("watch_alerts_unacknowledged")
                .description("OPEN alerts (not acknowledged) per district").register(metrics);
        this.perReceiver = Stage.sequence(
                new RenderStage(notifiers, new Messages(db, alerts, registry, routing, links, clock, zone), deliveries),
                new SendStage(notifiers),
                new RetryStage(routing, clock, jitter),
                new RecordStage(deliveries, clock, metrics));
        this.thread = Thread.ofPlatform().name("delivery").daemon(true).unstarted(this::loop);
    }

    public void start() throws SQLException {
        int released = deliveries.releaseLeases();
        if (released > 0) log.info("{} deliveries were in flight when the service stopped; they will be sent again", released);
        thread.start();
    }

    /** Something may be due now (an alert was just opened, an admin retried): do not wait for the next tick. */
    public void nudge() {
        if (nudges.availablePermits() == 0) nudges.release();
    }

    /** Work to do on every tick at the worker's clock, before due deliveries are claimed (e.g. case deadline chasing). */
    public void everyTick(java.util.function.Consumer<Instant> task) {
        tickTasks.add(task);
    }

    /** Completed ticks, so tests can wait for a tick after changing the clock. */
    public long ticks() {
        return ticks.get();
    }

    private void loop() {
        while (running) {
            try {
                nudges.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS);
                nudges.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (!running) return;
            try {
                tick();
            } catch (SQLException | RuntimeException e) {
                log.warn("delivery tick failed (will retry): {}", e.toString());
            }
            ticks.incrementAndGet();
        }
    }

    private void tick() throws SQLException {
        Instant now = clock.instant();
        escalator.run(now);
        for (var task : tickTasks) {
            try {
                task.accept(now);
            } catch (RuntimeException e) {
                log.warn("tick task failed (will retry): {}", e.toString());
            }
        }
        int free = inFlight.availablePermits();
        if (free > 0) {
            for (Deliveries.Delivery d : deliveries.claim(now, free)) {
                inFlight.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        attempt(d);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (System.nanoTime() - lastMetrics > METRICS_EVERY_NANOS) {
            lastMetrics = System.nanoTime();
            refreshGauges();
        }
    }

    /** One outbox row through its receiver's pipeline: render -> send -> retry -> record. */
    private void attempt(Deliveries.Delivery d) {
        try {
            perReceiver.exec(new Attempt(d));
        } catch (SQLException | RuntimeException e) {
            // the row keeps its lease until restart; the attempt is repeated then (at-least-once)
            log.warn("could not record delivery {}: {}", d.id(), e.toString());
        }
    }

    private void refreshGauges() throws SQLException {
        Map<String, Long> counts = deliveries.countByStatus();
        parked.set(counts.getOrDefault("PARKED", 0L));
        pending.set(counts.getOrDefault("PENDING", 0L));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT district, count(*) FROM alerts WHERE status = 'OPEN' GROUP BY district")) {
            while (rs.next()) rows.add(MultiGauge.Row.of(Tags.of("district", rs.getString(1)), rs.getLong(2)));
        }
        unacknowledged.register(rows, true);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        nudge();
        thread.join(5_000);
        senders.shutdown();
        if (!senders.awaitTermination(15, TimeUnit.SECONDS)) senders.shutdownNow();
    }

    /** Stops at once without waiting for attempts in flight (tests: a crash). */
    public void abort() {
        running = false;
        senders.shutdownNow();
    }
}
