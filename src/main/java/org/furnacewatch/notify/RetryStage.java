package org.furnacewatch.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * After a failed attempt: when to try again (exponential backoff with jitter, {@link Backoff}), or park the row when
 * the error cannot be retried or {@code maxTries} is reached. Logs only when a receiver's error changes, as
 * Alertmanager's retry stage does.
 */
final class RetryStage implements Stage<Attempt> {
  private static final Logger log = LoggerFactory.getLogger(RetryStage.class);
  private final RoutingStore routing;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final Map<String, String> lastErrorByReceiver = new ConcurrentHashMap<>();

  RetryStage(RoutingStore routing, Clock clock, DoubleSupplier jitter) {
    this.routing = routing;
    this.clock = clock;
    this.jitter = jitter;
  }

  @Override
  public Attempt exec(Attempt a) {
    Deliveries.Delivery d = a.delivery;
    String receiver = d.receiver().toString();
    if (a.error == null) {
      lastErrorByReceiver.remove(receiver);
      return a;
    }
    RoutingConfig config = routing.current();
    boolean park = !a.error.retryable() || a.attempts >= config.maxTries();
    a.retryAt = park ? null : clock.instant().plus(new Backoff(config.backoffBase(), config.backoffMax(), jitter).after(a.attempts));
    String previous = lastErrorByReceiver.put(receiver, a.error.getMessage());
    if (park) {
      log.warn("delivery {} ({} {}) PARKED after {} attempts: {}", d.id(), d.channel(), Receivers.target(d.receiver()), a.attempts, a.error.getMessage());
    } else if (!Objects.equals(previous, a.error.getMessage())) {
      log.info("delivery {} to {} failed, retrying at {}: {}", d.id(), Receivers.target(d.receiver()), a.retryAt, a.error.getMessage());
    }
    return a;
  }
}
