package org.furnacewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.time.Clock;

/**
 * A generic SMS gateway: POST JSON {@code {"to": ..., "text": ...}} to the receiver's {@code url} (signed and keyed
 * like a webhook when the receiver has a {@code secret}). Receiver: {@code {"type":"sms","url":...,"to":"+86..."}}.
 */
public final class SmsNotifier extends WebhookNotifier {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;

    public SmsNotifier(HttpClient client, Clock clock) {
        super(client, clock);
    }

    @Override
    public String render(Message message, Deliveries.Delivery delivery) {
        ObjectNode o = JSON.createObjectNode();
        o.put("to", Receivers.to(delivery.receiver(), "phone"));
        o.put("text", message.sms());
        return o.toString();
    }
}
