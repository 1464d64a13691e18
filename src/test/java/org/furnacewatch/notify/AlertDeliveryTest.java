package org.furnacewatch.notify;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts reach the right district government, reliably: a real webhook receiver that fails and then answers, a
 * real SMS gateway, a real SMTP server (GreenMail), the parent fallback, parking and the admin's retry, silences,
 * routing configuration, and district isolation; all through the shared real service.
 */
class AlertDeliveryTest {
    static final String SECRET = "s3cret-涪陵";
    static final OffsetDateTime START = Resurgence.at("2026-09-01T00:00");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static Api admin;
    static Receiver flaky, sms, city, broken;
    static String district, childDistrict, brokenDistrict, other;
    static Resurgence.Site banned, silenced, orphan, failing;
    static String silenceId;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        assertEquals(200, admin.put("/api/v1/routing", new JsonObject().put("backoffBase", "PT0.05S").put("backoffMax", "PT0.2S")
                .put("maxTries", 3)).status());
        flaky = new Receiver(n -> n <= 2 ? 503 : 200);
        sms = new Receiver(n -> 200);
        city = new Receiver(n -> 200);
        broken = new Receiver(n -> 500);
        district = TestService.newDistrictCode();
        other = TestService.newDistrictCode();
        Fixtures.district(admin, other, "邻区");
        put(district, "涪陵区", "500000", new JsonArray()
                .add(new JsonObject().put("type", "webhook").put("url", flaky.url("/hook")).put("secret", SECRET))
                .add(new JsonObject().put("type", "sms").put("url", sms.url("/sms")).put("to", "+8613800000000"))
                .add(new JsonObject().put("type", "email").put("to", "jianguan@fuling.example.cn").put("smtpHost", "127.0.0.1")
                        .put("smtpPort", mail.getSmtp().getPort()).put("from", "watch@furnace.example.cn")));
        put("519900", "测试市", null, new JsonArray().add(new JsonObject().put("type", "webhook").put("url", city.url("/city")).put("secret", "city")));
        childDistrict = "519901";
        put(childDistrict, "无接收方区", "519900", new JsonArray());
        brokenDistrict = "519801";
        put(brokenDistrict, "故障区", null, new JsonArray().add(new JsonObject().put("type", "webhook").put("url", broken.url("/x")).put("secret", "b")));

        // the silence exists before the readings that would open the alert
        String silencedCode = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 800, Fixtures.newMeterId("PRE")));
        Api.Answer s = admin.post("/api/v1/silences", new JsonObject().put("enterprise", silencedCode).put("kind", "RESURGENCE")
                .put("duration", "P3650D").put("reason", "已立案查处，现场断电核查中"));
        assertEquals(201, s.status(), s.body());
        silenceId = s.json().getString("id");

        banned = Resurgence.post(admin, district, "BANNED", START);
        silenced = resurgenceFor(silencedCode);
        orphan = Resurgence.post(admin, childDistrict, "CLOSED", START);
        failing = Resurgence.post(admin, brokenDistrict, "CLOSED", START);
        Resurgence.awaitDetection(admin);
    }

    /** The pre-registered (silenced) enterprise becomes CLOSED and draws load. */
    static Resurgence.Site resurgenceFor(String code) {
        String meter = Fixtures.newMeterId("SIL");
        JsonObject e = Fixtures.enterprise(district, "CLOSED", 800, meter).put("effectiveFrom", START.minusMonths(3).toString());
        assertEquals(200, admin.put("/api/v1/enterprises/" + code, e).status());
        Resurgence.readings(admin, meter, START, 2 * 96, i -> 1.0);
        Resurgence.readings(admin, meter, START.plusDays(2), 36, i -> i < 4 ? 1.0 : 150.0);
        return new Resurgence.Site(code, meter);
    }

    static void put(String code, String name, String parent, JsonArray receivers) {
        JsonObject body = new JsonObject().put("name", name).put("receivers", receivers);
        if (parent != null) body.put("parent", parent);
        Api.Answer a = admin.put("/api/v1/districts/" + code, body);
        assertEquals(200, a.status(), a.body());
    }

    @AfterAll
    static void tearDown() {
        for (Receiver r : new Receiver[] {flaky, sms, city, broken}) if (r != null) r.close();
    }

    static JsonArray deliveries(String alertId) {
        Api.Answer a = admin.get("/api/v1/deliveries?alert=" + alertId);
        assertEquals(200, a.status(), a.body());
        return a.array();
    }

    static void awaitDelivered(String alertId, int count) {
        Receiver.await(count + " deliveries of " + alertId, () -> deliveries(alertId).stream()
                .filter(o -> "DELIVERED".equals(((JsonObject) o).getString("status"))).count() >= count);
    }

    @Test
    void webhook_failsTwiceThenSucceeds_deliveredExactlyOnce_signedWithTheSameIdempotencyKey() {
        JsonObject alert = Resurgence.alert(admin, banned);
        String id = alert.getString("id");
        awaitDelivered(id, 3);
        List<Receiver.Request> attempts = flaky.with("id", id);
        assertEquals(3, attempts.size(), "two 503s, then the 200");
        assertEquals(List.of(503, 503, 200), attempts.stream().map(Receiver.Request::answered).toList());
        Set<String> keys = attempts.stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet());
        assertEquals(1, keys.size(), "the same Idempotency-Key on every attempt: " + keys);
        for (Receiver.Request r : attempts) {
            assertEquals("sha256=" + Signatures.hmacSha256Hex(SECRET.getBytes(StandardCharsets.UTF_8), r.raw()), r.header("X-Watch-Signature"),
                    "HMAC-SHA256 of the raw body keyed by the receiver's secret");
            String ts = r.header("X-Watch-Timestamp");
            assertNotNull(ts);
            assertEquals("sha256=" + Signatures.hmacSha256Hex(SECRET, ts + "." + r.body()), r.header("X-Watch-Signature-Timestamped"));
        }
        assertEquals(attempts.get(0).body(), attempts.get(2).body(), "every retry sends the same body");
        JsonObject body = attempts.get(2).json();
        assertEquals(banned.creditCode(), body.getString("enterprise"));
        assertEquals(district, body.getString("district"));
        assertEquals("RESURGENCE", body.getString("kind"));
        assertEquals("CRITICAL", body.getString("severity"), "a BANNED site drawing load is the most severe");
        assertEquals("渝东再生金属有限公司", body.getString("enterpriseName"));
        assertTrue(body.getString("text").contains("死灰复燃"), body.getString("text"));
        assertTrue(body.getString("evidenceUrl").contains("/alerts/" + id + "/evidence?exp="), body.getString("evidenceUrl"));
        assertEquals("CRITICAL", admin.get("/api/v1/alerts/" + id).json().getString("severity"));

        JsonObject webhook = deliveries(id).stream().map(o -> (JsonObject) o).filter(d -> "webhook".equals(d.getString("channel"))).findFirst().orElseThrow();
        assertEquals("DELIVERED", webhook.getString("status"));
        assertEquals(3, webhook.getInteger("attempts"));
        assertEquals(keys.iterator().next(), webhook.getString("idempotencyKey"));

        // more evidence updates the alert but delivers nothing again
        Resurgence.readings(admin, banned.meter(), START.plusDays(3), 24, i -> 150.0);
        Resurgence.awaitDetection(admin);
        long ticks = TestService.get().delivery().worker().ticks();
        Receiver.await("two delivery ticks", () -> TestService.get().delivery().worker().ticks() >= ticks + 2);
        assertEquals(1, flaky.with("id", id).stream().filter(r -> r.answered() == 200).count(), "delivered once");
        assertEquals(3, deliveries(id).size(), "one delivery per receiver: webhook, SMS, e-mail");
    }

    @Test
    void smsGateway_getsToAndAChineseText() {
        String id = Resurgence.alert(admin, banned).getString("id");
        awaitDelivered(id, 3);
        List<Receiver.Request> got = sms.requests();
        assertEquals(1, got.size());
        JsonObject body = got.get(0).json();
        assertEquals("+8613800000000", body.getString("to"));
        assertTrue(body.getString("text").contains("渝东再生金属有限公司") && body.getString("text").contains(banned.creditCode()), body.getString("text"));
        assertTrue(body.getString("text").contains("/alerts/" + id + "/evidence"), body.getString("text"));
    }

    @Test
    void email_reachesTheSmtpServer_inChinese() throws Exception {
        String id = Resurgence.alert(admin, banned).getString("id");
        assertTrue(mail.waitForIncomingEmail(30_000, 1));
        MimeMessage m = mail.getReceivedMessages()[0];
        assertEquals("jianguan@fuling.example.cn", m.getAllRecipients()[0].toString());
        assertTrue(m.getSubject().contains("渝东再生金属有限公司") && m.getSubject().contains("死灰复燃"), m.getSubject());
        String text = String.valueOf(m.getContent());
        assertTrue(text.contains("统一社会信用代码：" + banned.creditCode()), text);
        assertTrue(text.contains("所在区县：涪陵区（" + district + "）"), text);
        assertTrue(text.contains("起始时间：2026-09-03"), text);
        assertTrue(text.contains("/alerts/" + id + "/evidence?exp="), text);
        assertTrue(m.getHeader("Message-ID")[0].contains("@furnace-watch"), GreenMailUtil.getHeaders(m));
    }

    @Test
    void districtWithoutReceivers_isDeliveredToItsParent() {
        String id = Resurgence.alert(admin, orphan).getString("id");
        awaitDelivered(id, 1);
        JsonObject d = deliveries(id).getJsonObject(0);
        assertEquals("519900", d.getString("district"));
        assertEquals(1, city.with("id", id).size());
        assertEquals(childDistrict, city.with("id", id).get(0).json().getString("district"), "the alert keeps its own district");
    }

    @Test
    void receiverThatKeepsFailing_isParked_thenAnAdminRetryDelivers() {
        String id = Resurgence.alert(admin, failing).getString("id");
        Receiver.await("parked", () -> admin.get("/api/v1/deliveries?status=PARKED").array().stream()
                .anyMatch(o -> id.equals(((JsonObject) o).getString("alertId"))));
        JsonObject parked = deliveries(id).getJsonObject(0);
        assertEquals("PARKED", parked.getString("status"));
        assertEquals(3, parked.getInteger("attempts"), "maxTries");
        assertTrue(parked.getString("lastError").contains("HTTP 500"), parked.encode());
        assertEquals(3, broken.with("id", id).size());

        Api district = admin.as(admin.token("district", brokenDistrict));
        assertEquals(403, district.post("/api/v1/deliveries/" + parked.getLong("id") + "/retry", new JsonObject()).status());
        broken.answer(n -> 200);
        Api.Answer retry = admin.post("/api/v1/deliveries/" + parked.getLong("id") + "/retry", new JsonObject());
        assertEquals(200, retry.status(), retry.body());
        awaitDelivered(id, 1);
        assertEquals(4, broken.with("id", id).size());
        assertEquals(1, broken.with("id", id).stream().map(r -> r.header("Idempotency-Key")).distinct().count());
        assertEquals(409, admin.post("/api/v1/deliveries/" + parked.getLong("id") + "/retry", new JsonObject()).status(), "only PARKED");
    }

    @Test
    void silencedEnterprise_keepsItsFindingAsSuppressed_andDeliversNothing() {
        JsonObject alert = Resurgence.alert(admin, silenced);
        assertEquals("SUPPRESSED", alert.getString("status"));
        assertEquals(0, deliveries(alert.getString("id")).size());
        assertTrue(admin.get("/api/v1/alerts?status=SUPPRESSED&district=" + district).array().stream()
                .anyMatch(o -> alert.getString("id").equals(((JsonObject) o).getString("id"))), "kept and visible");
        assertTrue(flaky.with("id", alert.getString("id")).isEmpty());

        JsonArray active = admin.get("/api/v1/silences?active=true&enterprise=" + silenced.creditCode()).array();
        assertEquals(1, active.size());
        assertEquals("已立案查处，现场断电核查中", active.getJsonObject(0).getString("reason"));
        Api own = admin.as(admin.token("district", district));
        assertEquals(1, own.get("/api/v1/silences?enterprise=" + silenced.creditCode()).array().size(), "the district sees silences of its own");
        assertEquals(0, admin.as(admin.token("district", other)).get("/api/v1/silences?enterprise=" + silenced.creditCode()).array().size());
        assertEquals(403, own.post("/api/v1/silences", new JsonObject().put("enterprise", silenced.creditCode()).put("duration", "PT1H").put("reason", "x")).status());
        assertEquals(400, admin.post("/api/v1/silences", new JsonObject().put("enterprise", silenced.creditCode()).put("duration", "PT1H")).status(), "a reason is required");

        Api analyst = admin.as(admin.token("analyst", null));
        Api.Answer temp = analyst.post("/api/v1/silences", new JsonObject().put("enterprise", banned.creditCode()).put("duration", "PT1H").put("reason", "测试"));
        assertEquals(201, temp.status(), temp.body());
        Api.Answer deleted = analyst.send("DELETE", "/api/v1/silences/" + temp.json().getString("id"));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(false, deleted.json().getBoolean("active"));
        assertEquals(404, analyst.send("DELETE", "/api/v1/silences/" + temp.json().getString("id")).status());
    }

    @Test
    void routing_isReadAndChangedByAdmins_andTheChangeIsAudited() throws Exception {
        Api.Answer before = admin.get("/api/v1/routing");
        assertEquals(200, before.status());
        assertEquals(3, before.json().getInteger("maxTries"));
        Api.Answer changed = admin.put("/api/v1/routing", new JsonObject().put("ackDeadline", "PT6H").put("reminderLead", "PT2H"));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("PT6H", changed.json().getString("ackDeadline"));
        assertEquals(3, changed.json().getInteger("maxTries"), "other fields kept");
        assertTrue(changed.json().getString("updatedBy").startsWith("admin:"));
        Api.Answer bad = admin.put("/api/v1/routing", new JsonObject().put("workdayStart", "18:00"));
        assertEquals(400, bad.status());
        assertEquals("workdayEnd", bad.json().getString("field"));
        assertEquals(400, admin.put("/api/v1/routing", new JsonObject().put("ackDeadline", "four hours")).status());
        assertEquals(400, admin.put("/api/v1/routing", new JsonObject().put("surprise", 1)).status());
        Api analyst = admin.as(admin.token("analyst", null));
        assertEquals(200, analyst.get("/api/v1/routing").status());
        assertEquals(403, analyst.put("/api/v1/routing", new JsonObject().put("maxTries", 5)).status());
        assertEquals(403, admin.as(admin.token("district", district)).get("/api/v1/routing").status());
        try (Connection c = TestService.get().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT actor, detail::text FROM audit_log WHERE action = 'PUT_ROUTING' ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("admin:"), rs.getString(1));
            assertTrue(rs.getString(2).contains("PT6H"), rs.getString(2));
        }
        admin.put("/api/v1/routing", new JsonObject().put("ackDeadline", "PT4H").put("reminderLead", "PT1H"));
    }

    @Test
    void anotherDistrict_seesNothingOfTheAlert_andAFeedNothingAtAll() {
        String id = Resurgence.alert(admin, banned).getString("id");
        Api neighbour = admin.as(admin.token("district", other));
        assertEquals(404, neighbour.get("/api/v1/alerts/" + id).status());
        assertEquals(404, neighbour.post("/api/v1/alerts/" + id + "/ack", new JsonObject().put("by", "x")).status());
        assertEquals(404, neighbour.get("/api/v1/alerts/" + id + "/evidence-link").status());
        assertEquals(403, neighbour.get("/api/v1/deliveries").status());
        assertEquals(200, admin.as(admin.token("district", district)).get("/api/v1/alerts/" + id + "/evidence-link").status());
        Api feed = admin.as(admin.token("feed", null));
        for (String path : List.of("/api/v1/alerts", "/api/v1/alerts/" + id, "/api/v1/deliveries", "/api/v1/routing", "/api/v1/silences",
                "/api/v1/alerts/" + id + "/evidence-link")) {
            assertEquals(403, feed.get(path).status(), path);
        }
        assertEquals(403, feed.post("/api/v1/alerts/" + id + "/ack", new JsonObject()).status());
    }

    @Test
    void metrics_showLatencyRetriesParkedAndUnacknowledgedPerDistrict() {
        String id = Resurgence.alert(admin, banned).getString("id");
        awaitDelivered(id, 3);
        Receiver.await("gauges refreshed", () -> admin.get("/metrics").body().contains("watch_alerts_unacknowledged{district=\"" + district + "\"}"));
        String metrics = admin.get("/metrics").body();
        assertTrue(metrics.contains("watch_delivery_latency_seconds_count{channel=\"webhook\",purpose=\"NEW\"}"), metrics);
        assertTrue(metrics.contains("watch_delivery_retries_total{channel=\"webhook\",purpose=\"NEW\"}"), metrics);
        assertTrue(metrics.contains("watch_deliveries_parked"), metrics);
    }
}
