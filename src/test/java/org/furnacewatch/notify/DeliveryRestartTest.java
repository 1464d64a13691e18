package org.furnacewatch.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deliveries live in PostgreSQL: a service stopped while its receiver is down delivers after it restarts. */
class DeliveryRestartTest {

    @Test
    void serviceStoppedWhileTheReceiverIsDown_deliversAfterRestart_exactlyOnce() throws Exception {
        Path dir = Files.createTempDirectory("fw-delivery-restart-");
        String district = "500230";
        String alertId;
        try (Receiver hook = new Receiver(n -> 503)) {
            try (FurnaceWatch first = FurnaceWatch.start(TestService.config(dir, null, 0))) {
                Api admin = new Api("http://127.0.0.1:" + first.httpPort(), TestService.ADMIN);
                assertEquals(200, admin.put("/api/v1/routing", new JsonObject().put("backoffBase", "PT0.1S").put("backoffMax", "PT0.5S")
                        .put("maxTries", 1000)).status());
                assertEquals(200, admin.put("/api/v1/districts/" + district, new JsonObject().put("name", "丰都县").put("parent", "500000")
                        .put("receivers", new JsonArray().add(new JsonObject().put("type", "webhook").put("url", hook.url("/fengdu")).put("secret", "k")))).status());
                Resurgence.Site site = Resurgence.post(admin, district, "SEALED", Resurgence.at("2026-09-01T00:00"));
                alertId = Resurgence.alert(admin, site).getString("id");
                String id = alertId;
                Receiver.await("a few failed attempts", () -> hook.with("id", id).size() >= 3);
                JsonObject pending = admin.get("/api/v1/deliveries?alert=" + alertId).array().getJsonObject(0);
                assertEquals("PENDING", pending.getString("status"));
            } // stopped while the receiver is still down
            int failedAttempts = hook.with("id", alertId).size();
            hook.answer(n -> 200);
            try (FurnaceWatch second = FurnaceWatch.start(TestService.config(dir, null, 0))) {
                Api admin = new Api("http://127.0.0.1:" + second.httpPort(), TestService.ADMIN);
                String id = alertId;
                Receiver.await("delivered after restart", () -> "DELIVERED".equals(
                        admin.get("/api/v1/deliveries?alert=" + id).array().getJsonObject(0).getString("status")));
                List<Receiver.Request> all = hook.with("id", alertId);
                assertEquals(1, all.stream().filter(r -> r.answered() == 200).count(), "exactly one successful delivery");
                assertEquals(failedAttempts + 1, all.size());
                assertEquals(1, all.stream().map(r -> r.header("Idempotency-Key")).distinct().count(), "same key before and after the restart");
                assertEquals(1, admin.get("/api/v1/deliveries?alert=" + alertId).array().size());
            }
        }
    }
}
