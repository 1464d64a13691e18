package org.furnacewatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the outcome: DELIVERED in the transaction that observes the 2xx, else the failure with its next attempt
 * time (or PARKED for an admin); counts attempts, retries and the queued-to-delivered latency.
 */
final class RecordStage implements Stage<Attempt> {
  private final Deliveries deliveries;
  private final Clock clock;
  private final MeterRegistry metrics;

  RecordStage(Deliveries deliveries, Clock clock, MeterRegistry metrics) {
    this.deliveries = deliveries;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public Attempt exec(Attempt a) throws SQLException {
    Deliveries.Delivery d = a.delivery;
    Instant now = clock.instant();
    Tags tags = Tags.of("channel", d.channel(), "purpose", d.purpose());
    if (a.error == null) {
      if (deliveries.delivered(d.id(), now)) {
        Timer.builder("watch_delivery_latency").description("from the delivery being queued (alert opened) to the receiver's 2xx")
            .tags(tags).publishPercentileHistogram().register(metrics)
            .record(Duration.between(d.createdAt(), now).abs());
        Counter.builder("watch_delivery_attempts_total").tags(tags.and("outcome", "delivered")).register(metrics).increment();
      }
      return a;
    }
    deliveries.failed(d.id(), a.error.getMessage(), now, a.retryAt);
    Counter.builder("watch_delivery_attempts_total").tags(tags.and("outcome", a.parked() ? "parked" : "retry")).register(metrics).increment();
    if (!a.parked()) {
      Counter.builder("watch_delivery_retries_total").tags(tags).register(metrics).increment();
    }
    return a;
  }
}
