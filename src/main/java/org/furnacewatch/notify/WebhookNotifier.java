package org.furnacewatch.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * CONTRACT.md "Alerts": POSTs the alert JSON with {@code X-Watch-Signature: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed by the receiver's secret>} and an {@code Idempotency-Key} that is the same on every retry. Against replay it
 * adds {@code X-Watch-Timestamp} (epoch seconds of this attempt) and {@code X-Watch-Signature-Timestamped:
 * sha256=<HMAC of "timestamp.body">}; the contract's signature stays exactly that of the raw body.
 * The SMS gateway channel uses the same POST with a {@code {to, text}} body.
 */
public class WebhookNotifier implements Notifier {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client;
    private final Clock clock;

    public WebhookNotifier(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String render(Message message, Deliveries.Delivery delivery) {
        return message.json();
    }

    @Override
    public void send(Deliveries.Delivery d, String payload) throws DeliveryException {
        post(d.receiver(), d, payload);
    }

    protected void post(Map<String, Object> receiver, Deliveries.Delivery d, String body) throws DeliveryException {
        Object url = receiver.get("url");
        URI uri;
        try {
            uri = URI.create(String.valueOf(url));
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("bad receiver url: " + url, false);
        }
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", d.idempotencyKey())
                .header("X-Watch-Timestamp", timestamp)
                .header("X-Watch-Delivery", String.valueOf(d.id()))
                .header("X-Watch-Purpose", d.purpose())
                .header("User-Agent", "FurnaceWatch-Delivery/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        Object secret = receiver.get("secret");
        if (secret != null && !String.valueOf(secret).isEmpty()) {
            byte[] key = String.valueOf(secret).getBytes(StandardCharsets.UTF_8);
            b.header("X-Watch-Signature", "sha256=" + Signatures.hmacSha256Hex(key, raw));
            byte[] stamped = (timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
            b.header("X-Watch-Signature-Timestamped", "sha256=" + Signatures.hmacSha256Hex(key, stamped));
        }
        HttpResponse<String> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        }
        int s = response.statusCode();
        if (s >= 200 && s < 300) return;
        String answer = response.body() == null ? "" : response.body();
        if (answer.length() > 200) answer = answer.substring(0, 200);
        // 4xx means the request itself is wrong (bad URL, secret, auth): park it for an admin, except the
        // "try later" answers. 5xx and everything else is retried.
        boolean retryable = s >= 500 || s == 408 || s == 425 || s == 429 || s < 200 || (s >= 300 && s < 400);
        throw new DeliveryException("HTTP " + s + " " + answer, retryable);
    }
}
