package org.furnacewatch.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;

/**
 * The service's metrics registry. Every metric carries HELP text (promtool check metrics insists, and so does an
 * operator reading /metrics cold): a metric registered without a description gets its text from {@link #HELP},
 * so the text of all metrics lives in one table here.
 */
final class Metrics {
    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("watch_readings_accepted", "Readings accepted and durable (rows)"),
            Map.entry("watch_readings_duplicates", "Readings sent again with the same meter, time and value (rows)"),
            Map.entry("watch_readings_rejected", "Reading rows rejected with a reason (rows)"),
            Map.entry("watch_readings_committed", "Readings committed by the group-commit writer (rows)"),
            Map.entry("watch_ingest_pending_rows", "Rows waiting for the group-commit writer"),
            Map.entry("watch_ingest_commit", "Duration of one group commit"),
            Map.entry("watch_store_up", "1 when the store takes writes, else 0"),
            Map.entry("watch_detection_pending", "Accepted readings not yet processed by detection"),
            Map.entry("watch_detection_processed", "Readings processed by detection since start"),
            Map.entry("watch_deliveries_parked", "Alert deliveries parked after their last try"),
            Map.entry("watch_deliveries_pending", "Alert deliveries waiting to be sent"),
            Map.entry("watch_delivery_attempts", "Alert delivery attempts"),
            Map.entry("watch_delivery_retries", "Alert delivery retries"),
            Map.entry("watch_delivery_latency", "Time from an alert opening to its delivery"),
            Map.entry("watch_alerts_unacknowledged", "Open alerts not yet acknowledged, per district"),
            Map.entry("watch_http_requests_shed", "Requests answered 503 because a bounded queue was full"));

    private Metrics() {}

    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) return id;
                String name = id.getName().replace('.', '_').replaceAll("_total$", "");
                String help = HELP.getOrDefault(name, id.getName().replace('_', ' '));
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
            }
        });
        return registry;
    }
}
