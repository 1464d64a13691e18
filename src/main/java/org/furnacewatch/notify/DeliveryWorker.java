package org.furnacewatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Works the outbox. Each tick: escalate and remind what is due, then claim due deliveries and run each through
 * the pipeline <b>render once -> send -> record</b> on its own virtual thread, so one slow receiver holds up no
 * other. Recording is: DELIVERED in the transaction that observes the 2xx; otherwise retry after exponential
 * backoff with jitter; after {@code maxTries} (or an error that cannot be retried) PARKED for an admin.
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
    private final AlertStore alerts;
    private final Registry registry;
    private final RoutingStore routing;
    private final EvidenceLinks links;
    private final Map<String, Notifier> notifiers;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final ZoneId zone;
    private final MeterRegistry metrics;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Semaphore nudges = new Semaphore(0);
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Map<String, String> lastErrorByReceiver = new ConcurrentHashMap<>();
    private final MultiGauge unacknowledged;
    private volatile boolean running = true;
    private long lastMetrics;

    public DeliveryWorker(DataSource db, Deliveries deliveries, Escalator escalator, AlertStore alerts, Registry registry,
                          RoutingStore routing, EvidenceLinks links, Map<String, Notifier> notifiers, Clock clock,
                          DoubleSupplier jitter, ZoneId zone, MeterRegistry metrics) {
        this.db = db;
        this.deliveries = deliveries;
        this.escalator = escalator;
        this.alerts = alerts;
        this.registry = registry;
        this.routing = routing;
        this.links = links;
        this.notifiers = notifiers;
        this.clock = clock;
        this.jitter = jitter;
        this.zone = zone;
        this.metrics = metrics;
        metrics.gauge("watch_deliveries_parked", parked);
        metrics.gauge("watch_deliveries_pending", pending);
        this.unacknowledged = MultiGauge.builder("watch_alerts_unacknowledged")
                .description("OPEN alerts (not acknowledged) per district").register(metrics);
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

    /** render once -> send -> record. */
    private void attempt(Deliveries.Delivery d) {
        Notifier notifier = notifiers.get(d.channel());
        String payload;
        try {
            payload = d.payload() != null ? d.payload() : deliveries.savePayload(d.id(), notifier.render(message(d), d));
        } catch (SQLException | RuntimeException e) {
            record(d, new Notifier.DeliveryException("could not render: " + e, true));
            return;
        }
        try {
            notifier.send(d, payload);
            record(d, null);
        } catch (Notifier.DeliveryException e) {
            record(d, e);
        } catch (RuntimeException e) {
            record(d, new Notifier.DeliveryException(e.toString(), true));
        }
    }

    private void record(Deliveries.Delivery d, Notifier.DeliveryException error) {
        Instant now = clock.instant();
        Tags tags = Tags.of("channel", d.channel(), "purpose", d.purpose());
        try {
            if (error == null) {
                if (deliveries.delivered(d.id(), now)) {
                    Timer.builder("watch_delivery_latency").description("from the delivery being queued (alert opened) to the receiver's 2xx")
                            .tags(tags).publishPercentileHistogram().register(metrics)
                            .record(Duration.between(d.createdAt(), now).abs());
                    Counter.builder("watch_delivery_attempts_total").tags(tags.and("outcome", "delivered")).register(metrics).increment();
                }
                lastErrorByReceiver.remove(d.receiver().toString());
                return;
            }
            RoutingConfig config = routing.current();
            int attempts = d.attempts() + 1;
            boolean park = !error.retryable() || attempts >= config.maxTries();
            Instant next = park ? null : now.plus(new Backoff(config.backoffBase(), config.backoffMax(), jitter).after(attempts));
            deliveries.failed(d.id(), error.getMessage(), now, next);
            Counter.builder("watch_delivery_attempts_total").tags(tags.and("outcome", park ? "parked" : "retry")).register(metrics).increment();
            if (!park) Counter.builder("watch_delivery_retries_total").tags(tags).register(metrics).increment();
            // log only when a receiver's error changes (Alertmanager's retry stage does the same)
            String previous = lastErrorByReceiver.put(d.receiver().toString(), error.getMessage());
            if (park) log.warn("delivery {} ({} {}) PARKED after {} attempts: {}", d.id(), d.channel(), Receivers.target(d.receiver()), attempts, error.getMessage());
            else if (!Objects.equals(previous, error.getMessage())) log.info("delivery {} to {} failed, retrying at {}: {}", d.id(), Receivers.target(d.receiver()), next, error.getMessage());
        } catch (SQLException e) {
            // the row keeps its lease until restart; the attempt is repeated then (at-least-once)
            log.warn("could not record delivery {}: {}", d.id(), e.toString());
        }
    }

    /** The message of a delivery, from the alert as it is now and the registry's names. */
    private Message message(Deliveries.Delivery d) throws SQLException {
        Alert a = alerts.get(d.alertId().toString());
        EnterpriseHistory h = a.enterprise() == null ? null : registry.enterprise(a.enterprise());
        String enterpriseName = h == null ? a.subject() : h.at(a.firstTs().getEpochSecond()).name();
        Instant escalateAt = null;
        if ("REMINDER".equals(d.purpose())) {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT escalate_at FROM alert_routing WHERE alert_id = ?")) {
                ps.setObject(1, d.alertId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) escalateAt = rs.getTimestamp(1).toInstant();
                }
            }
        }
        String url = links.url(a.id(), clock.instant().plus(routing.current().evidenceLinkTtl()));
        return new Message(a, d.purpose(), enterpriseName, districtName(a.district()), districtName(d.district()), escalateAt, url, zone);
    }

    private String districtName(String code) {
        District d = code == null ? null : registry.district(code.trim());
        return d == null ? String.valueOf(code) : d.name();
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
