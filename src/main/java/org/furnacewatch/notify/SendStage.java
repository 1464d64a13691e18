package org.furnacewatch.notify;

import java.util.Map;

/** Sends the rendered payload through the row's channel; the notifier's error says whether a retry can help. */
final class SendStage implements Stage<Attempt> {
  private final Map<String, Notifier> notifiers;

  SendStage(Map<String, Notifier> notifiers) {
    this.notifiers = notifiers;
  }

  @Override
  public Attempt exec(Attempt a) {
    if (a.error != null) {
      return a;
    }
    try {
      notifiers.get(a.delivery.channel()).send(a.delivery, a.payload);
    } catch (Notifier.DeliveryException e) {
      a.error = e;
    } catch (RuntimeException e) {
      a.error = new Notifier.DeliveryException(e.toString(), true);
    }
    return a;
  }
}
