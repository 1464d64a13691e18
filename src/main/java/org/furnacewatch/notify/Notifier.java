package org.furnacewatch.notify;

/** One channel (webhook, e-mail, SMS gateway): renders a message into the text it sends, and sends it. */
public interface Notifier {
    /** The payload stored at the first attempt and sent unchanged on every retry. */
    String render(Message message, Deliveries.Delivery delivery);

    /** Sends; returns normally only when the receiver accepted it (a 2xx, or the SMTP server took the mail). */
    void send(Deliveries.Delivery delivery, String payload) throws DeliveryException;

    /** Why an attempt failed, and whether trying again can help (Alertmanager's "retry?" answer). */
    final class DeliveryException extends Exception {
        private final boolean retryable;

        public DeliveryException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
