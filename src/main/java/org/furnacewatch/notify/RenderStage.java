package org.furnacewatch.notify;

import java.sql.SQLException;
import java.util.Map;

/**
 * Renders the message once, in its channel's form, and stores it with the row: every retry sends the same bytes
 * under the same signature and Idempotency-Key. A failure to render is retried like a failed send.
 */
final class RenderStage implements Stage<Attempt> {
  private final Map<String, Notifier> notifiers;
  private final Messages messages;
  private final Deliveries deliveries;

  RenderStage(Map<String, Notifier> notifiers, Messages messages, Deliveries deliveries) {
    this.notifiers = notifiers;
    this.messages = messages;
    this.deliveries = deliveries;
  }

  @Override
  public Attempt exec(Attempt a) {
    if (a.payload != null) {
      return a;
    }
    try {
      Notifier notifier = notifiers.get(a.delivery.channel());
      a.payload = deliveries.savePayload(a.delivery.id(), notifier.render(messages.of(a.delivery), a.delivery));
    } catch (SQLException | RuntimeException e) {
      a.error = new Notifier.DeliveryException("could not render: " + e, true);
    }
    return a;
  }
}
