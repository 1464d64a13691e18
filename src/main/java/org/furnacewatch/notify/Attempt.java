package org.furnacewatch.notify;

import java.time.Instant;

/** One attempt at one outbox row, as it flows through render -> send -> retry -> record. */
final class Attempt {
  final Deliveries.Delivery delivery;
  /** The text sent: rendered at the first attempt, stored, and sent unchanged on every retry. */
  String payload;
  /** Why this attempt failed (render or send), or null once the receiver accepted it. */
  Notifier.DeliveryException error;
  /** After a failure: when to try again, or null when the row is parked. */
  Instant retryAt;
  int attempts;

  Attempt(Deliveries.Delivery delivery) {
    this.delivery = delivery;
    this.payload = delivery.payload();
    this.attempts = delivery.attempts() + 1;
  }

  boolean parked() {
    return error != null && retryAt == null;
  }
}
