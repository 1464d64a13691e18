package org.furnacewatch.notify;

import io.micrometer.core.instrument.MeterRegistry;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.Database;

import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Alert delivery wired together: silences and the outbox hook inside the alert transaction, the routing
 * configuration, the escalator and the delivery worker with its three channels. Time and jitter are injected.
 */
public final class AlertDelivery implements AutoCloseable {
    private final RoutingStore routing;
    private final Silences silences;
    private final Deliveries deliveries;
    private final EvidenceLinks links;
    private final Outbox outbox;
    private final DeliveryWorker worker;
    private final Clock clock;

    public AlertDelivery(Database db, Registry registry, AlertStore alerts, Clock clock, DoubleSupplier jitter,
                         ZoneId zone, MeterRegistry metrics, Supplier<String> publicBaseUrl, Map<String, String> env) {
        this.clock = clock;
        Receivers receivers = new Receivers(registry);
        this.routing = new RoutingStore(db.pool(), clock, zone);
        this.silences = new Silences(db.pool(), clock);
        this.deliveries = new Deliveries(db.pool());
        this.links = new EvidenceLinks(publicBaseUrl);
        this.outbox = new Outbox(receivers, silences, routing, clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        Map<String, Notifier> notifiers = Map.of(
                "webhook", new WebhookNotifier(http, clock),
                "sms", new SmsNotifier(http, clock),
                "email", new EmailNotifier(env));
        this.worker = new DeliveryWorker(db.pool(), deliveries, new Escalator(db.pool(), receivers), alerts, registry,
                routing, links, notifiers, clock, jitter, zone, metrics);
        alerts.onOpen(outbox);
    }

    /** Reads the routing configuration and the link key; call before detection replays (it may open alerts). */
    public void load(Database db) throws SQLException {
        routing.load();
        links.load(db.pool());
    }

    /** Starts sending (once the HTTP port, and so the evidence links' address, is known). */
    public void start() throws SQLException {
        worker.start();
    }

    public void nudge() {
        worker.nudge();
    }

    public RoutingStore routing() {
        return routing;
    }

    public Silences silences() {
        return silences;
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    public EvidenceLinks links() {
        return links;
    }

    public DeliveryWorker worker() {
        return worker;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() throws InterruptedException {
        worker.close();
    }
}
