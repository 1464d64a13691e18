package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input over real HTTP, one test per class the measurement on main found (issue 13): whatever a client
 * sends is answered, below 500, naming the field where there is one; secrets stay write-only; good rows stay.
 */
class HostileInputTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Api admin;
    static String district, enterprise, meter;

    /** Values of the wrong type or out of any range, put in place of each field of a valid body. */
    static final List<Object> HOSTILE = List.of(12345, -1, true, new JsonArray().add(1), new JsonObject().put("a", 1),
            "\u0000", "a\u0000b", "+999999999-12-31T23:59:59.999999999-18:00", "-999999999-01-01T00:00:00+18:00",
            "PT9999999999999H", "P999999999Y", "", "x".repeat(5000), 1e308, "NaN");

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "敌意输入测试区");
        meter = Fixtures.newMeterId("H");
        enterprise = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
    }

    record Endpoint(String method, String path, JsonObject body) {}

    static List<Endpoint> endpoints() {
        String caseId = UUID.randomUUID().toString(), alertId = UUID.randomUUID().toString();
        String other = TestService.newDistrictCode();
        return List.of(
                new Endpoint("POST", "/api/v1/tokens", new JsonObject().put("role", "district").put("district", district).put("name", "n")),
                new Endpoint("PUT", "/api/v1/districts/" + other, new JsonObject().put("name", "区").put("parent", "500000")
                        .put("receivers", new JsonArray().add(new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:9/h").put("secret", "s")))),
                new Endpoint("PUT", "/api/v1/enterprises/" + Fixtures.newCreditCode(), Fixtures.enterprise(district, "OPERATING", 100, Fixtures.newMeterId("H"))
                        .put("effectiveFrom", "2026-01-01T00:00:00+08:00").put("address", "敌意路1号").put("legalRepresentative", "某人")),
                new Endpoint("POST", "/api/v1/alerts/" + alertId + "/ack", new JsonObject().put("by", "x").put("note", "n")),
                new Endpoint("POST", "/api/v1/detection/advance", new JsonObject().put("to", "2020-01-01T00:00:00+08:00")),
                new Endpoint("POST", "/api/v1/cases", new JsonObject().put("enterprise", enterprise).put("source", "TIP_OFF").put("dimension", "ENERGY")),
                new Endpoint("POST", "/api/v1/cases/" + caseId + "/actions", new JsonObject().put("action", "VERIFY").put("at", "2026-01-01T00:00:00+08:00")),
                new Endpoint("PUT", "/api/v1/districts/" + district + "/case-departments", new JsonObject().put("departments", new JsonObject())),
                new Endpoint("PUT", "/api/v1/routing", new JsonObject().put("ackDeadline", "PT4H").put("evidenceLinkTtl", "P30D")),
                new Endpoint("POST", "/api/v1/deliveries/1/retry", new JsonObject()),
                new Endpoint("POST", "/api/v1/silences", new JsonObject().put("enterprise", enterprise).put("kind", "NIGHT_LOAD")
                        .put("reason", "r").put("startsAt", "2020-01-01T00:00:00+08:00").put("endsAt", "2020-01-02T00:00:00+08:00")),
                new Endpoint("POST", "/api/v1/backtests", new JsonObject().put("from", "2020-01-01T00:00:00+08:00").put("to", "2020-01-02T00:00:00+08:00")
                        .put("district", district).put("wait", 0)),
                new Endpoint("POST", "/api/v1/alerts/" + alertId + "/label", new JsonObject().put("label", "CONFIRMED")));
    }

    @Test
    void everyFieldOfEveryJsonEndpoint_replacedByHostileValues_isAnsweredBelow500() {
        List<String> failures = new ArrayList<>();
        java.util.TreeMap<Integer, Integer> statuses = new java.util.TreeMap<>();
        int withField = 0, sent = 0;
        for (Endpoint e : endpoints()) {
            List<String> bodies = new ArrayList<>(List.of("null", "[]", "\"text\"", "{", "{\"a\":\"\\u0000\"}", "[null]", "{\"\\u0000\":1}",
                    "[".repeat(2000) + "]".repeat(2000)));
            for (String field : e.body().fieldNames()) {
                for (Object v : HOSTILE) bodies.add(e.body().copy().put(field, v).encode());
                bodies.add(e.body().copy().putNull(field).encode());
                bodies.add(e.body().copy().put(field, new JsonArray().addNull()).encode());
            }
            for (String b : bodies) {
                HttpResponse<String> r = send(e.method(), e.path(), "application/json", b);
                sent++;
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 400 && r.body().contains("\"field\"")) withField++;
                if (r.statusCode() >= 500) failures.add(e.method() + " " + e.path() + " " + abbreviate(b) + " -> " + r.statusCode() + " " + r.body());
            }
        }
        System.out.println("hostile sweep: " + sent + " requests, statuses " + statuses + ", 400s naming a field: " + withField);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everyFieldOfACustomerFileRow_replacedByHostileValues_costsOnlyThatRow() {
        JsonObject good = new JsonObject().put("account", "H-GOOD").put("name", "户名").put("address", "敌意路2号").put("district", district)
                .put("category", "居民").put("capacityKva", 10).put("transformer", "T").put("lat", 29.7).put("lon", 107.4)
                .put("enterprise", enterprise).put("openedOn", "2025-01-01").put("closedOn", "2026-01-01")
                .put("effectiveFrom", "2025-01-01T00:00:00+08:00")
                .put("meters", new JsonArray().add(new JsonObject().put("id", Fixtures.newMeterId("HA")).put("point", "P").put("multiplier", 1)));
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String field : good.fieldNames()) {
            List<Object> values = new ArrayList<>(HOSTILE);
            values.add(new JsonArray().addNull());
            for (Object v : values) {
                JsonObject bad = good.copy().put("account", "H-" + n++).put(field, v);
                if (!field.equals("meters")) bad.put("meters", new JsonArray());
                String body = new JsonArray().add(bad).add(good).encode();
                Api.Answer a = admin.post("/api/v1/power-accounts", "application/json", body);
                if (a.status() >= 500) failures.add(field + "=" + abbreviate(String.valueOf(v)) + " -> " + a.status() + " " + a.body());
                else if (a.status() == 200 && a.json().getInteger("received") != 2) failures.add(field + ": " + a.body());
            }
        }
        for (String b : List.of("null", "{}", "[null]", "[1]", "[[]]", "[", "[\"\\u0000\"]")) {
            Api.Answer a = admin.post("/api/v1/power-accounts", "application/json", b);
            if (a.status() >= 500) failures.add(b + " -> " + a.status() + " " + a.body());
        }
        Api.Answer csv = admin.post("/api/v1/power-accounts", "text/csv", "account,address,district\n\"unterminated,x," + district + "\n");
        if (csv.status() >= 500) failures.add("csv -> " + csv.status() + " " + csv.body());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(200, admin.get("/api/v1/power-accounts/H-GOOD").status(), "the good row of every request was kept");
    }

    @Test
    void receiversOfTheWrongType_is400NamingReceivers() {
        for (Object receivers : List.<Object>of("webhook", 1, new JsonObject(), new JsonArray().add(1), new JsonArray().add(new JsonObject().put("type", 1)),
                new JsonArray().add(new JsonObject().put("type", "webhook").put("url", new JsonObject())))) {
            Api.Answer a = admin.put("/api/v1/districts/" + TestService.newDistrictCode(), new JsonObject().put("name", "n").put("receivers", receivers));
            assertEquals(400, a.status(), receivers + ": " + a.body());
            assertTrue(a.json().getString("field").startsWith("receivers"), a.body());
        }
    }

    @Test
    void nulInPathOrQuery_is400NamingIt() {
        HttpResponse<String> path = send("GET", "/api/v1/enterprises/%00abc", null, null);
        assertEquals(400, path.statusCode(), path.body());
        assertEquals("path", new JsonObject(path.body()).getString("field"));
        HttpResponse<String> query = send("GET", "/api/v1/alerts?district=50%00", null, null);
        assertEquals(400, query.statusCode(), query.body());
        assertEquals("district", new JsonObject(query.body()).getString("field"));
        HttpResponse<String> from = send("GET", "/api/v1/enterprises/" + enterprise + "/readings?from=2026-01-01T00:00:00%2B08:00%00", null, null);
        assertEquals(400, from.statusCode(), from.body());
        HttpResponse<String> badEncoding = send("GET", "/api/v1/enterprises/%C0%80", null, null);
        assertEquals(400, badEncoding.statusCode(), badEncoding.body());
    }

    @Test
    void nulInAJsonString_is400NamingTheField_andNothingIsStored() {
        JsonObject body = Fixtures.enterprise(district, "OPERATING", 100, Fixtures.newMeterId("H")).put("name", "坏\u0000名");
        String code = Fixtures.newCreditCode();
        Api.Answer a = admin.put("/api/v1/enterprises/" + code, body);
        assertEquals(400, a.status(), a.body());
        assertEquals("name", a.json().getString("field"));
        assertEquals(404, admin.get("/api/v1/enterprises/" + code).status());
    }

    @Test
    void extremeTimestamps_are400NamingTheField() {
        Api.Answer q = admin.get("/api/v1/enterprises/" + enterprise + "/readings?from=-999999999-01-01T00:00:00%2B18:00&to=2026-01-01T00:00:00Z");
        assertEquals(400, q.status(), q.body());
        assertEquals("from", q.json().getString("field"));
        Api.Answer e = admin.put("/api/v1/enterprises/" + Fixtures.newCreditCode(), Fixtures.enterprise(district, "OPERATING", 100, Fixtures.newMeterId("H"))
                .put("effectiveFrom", "+999999999-12-31T23:59:59Z"));
        assertEquals(400, e.status(), e.body());
        assertEquals("effectiveFrom", e.json().getString("field"));
        Api.Answer r = admin.post("/api/v1/readings", "application/json",
                new JsonArray().add(new JsonObject().put("meter", meter).put("ts", "+999999999-12-31T23:59:59Z").put("kwh", 1)).encode());
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().getJsonArray("rejected").size(), r.body());
    }

    @Test
    void anEndlessEvidenceLinkTtl_is400_andEvidenceLinksStillAnswer() {
        Api.Answer a = admin.put("/api/v1/routing", new JsonObject().put("evidenceLinkTtl", "PT9999999999999H"));
        assertEquals(400, a.status(), a.body());
        assertEquals("evidenceLinkTtl", a.json().getString("field"));
        Api.Answer link = admin.get("/api/v1/alerts/" + UUID.randomUUID() + "/evidence-link");
        assertEquals(404, link.status(), link.body());
    }

    @Test
    void multipartWithoutBoundary_onAnyJsonEndpoint_is400NamingContentType() {
        for (Endpoint e : endpoints()) {
            HttpResponse<String> r = send(e.method(), e.path(), "multipart/form-data; boundary=", "--\r\n");
            assertEquals(400, r.statusCode(), e.path() + ": " + r.body());
            assertEquals("Content-Type", new JsonObject(r.body()).getString("field"));
        }
        HttpResponse<String> upload = send("POST", "/api/v1/cases/" + UUID.randomUUID() + "/evidence", "multipart/form-data; boundary=", "--\r\n");
        assertEquals(400, upload.statusCode(), upload.body());
        HttpResponse<String> readings = send("POST", "/api/v1/readings", "multipart/form-data; boundary=x", "--x--\r\n");
        assertEquals(400, readings.statusCode(), readings.body());
    }

    @Test
    void anUnterminatedMultipartUpload_isAnswered408_withinTheBodyTimeout() throws Exception {
        int port = TestService.get().httpPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            String part = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhalf a file";
            String head = "POST /api/v1/cases/" + UUID.randomUUID() + "/evidence HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestService.ADMIN
                    + "\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: 100000\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write((head + part).getBytes(StandardCharsets.UTF_8));
            out.flush();
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 408", answer);
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        }
    }

    @Test
    void receiverSecretsAndPasswords_areNeverShownAgain() {
        String code = TestService.newDistrictCode();
        JsonObject body = new JsonObject().put("name", "密钥区").put("parent", "500000").put("receivers", new JsonArray()
                .add(new JsonObject().put("type", "email").put("to", "a@example.org").put("username", "u").put("password", "hunter2-secret"))
                .add(new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:9/h").put("secret", "webhook-secret")));
        Api.Answer put = admin.put("/api/v1/districts/" + code, body);
        assertEquals(200, put.status(), put.body());
        String analyst = admin.token("analyst", null);
        for (String text : List.of(put.body(), admin.get("/api/v1/districts").body(), admin.as(analyst).get("/api/v1/districts").body(),
                admin.as(admin.token("district", code)).get("/api/v1/districts").body())) {
            assertFalse(text.contains("hunter2-secret"), text);
            assertFalse(text.contains("webhook-secret"), text);
        }
    }

    @Test
    void aBulkImportCellOfColons_costsOnlyItsRow() {
        String good = Fixtures.newCreditCode(), bad = Fixtures.newCreditCode(), quoted = Fixtures.newCreditCode();
        String csv = "creditCode,name,industry,status,capacityKva,meters,equipment\n"
                + bad + ",坏行,3311,OPERATING,100,::,\n"
                + good + ",好行,3311,OPERATING,100," + Fixtures.newMeterId("H") + ":1,\n"
                + quoted + ",\"有逗号, 和\n换行的名字\",3311,OPERATING,100," + Fixtures.newMeterId("H") + ",\n";
        Api.Answer a = admin.post("/api/v1/districts/" + district + "/enterprises", "text/csv", csv);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.json().getInteger("imported"), a.body());
        assertEquals(1, a.json().getJsonArray("rejected").size(), a.body());
        assertEquals(0, a.json().getJsonArray("rejected").getJsonObject(0).getInteger("row"), a.body());
        assertEquals("有逗号, 和\n换行的名字", admin.get("/api/v1/enterprises/" + quoted).json().getString("name"));
    }

    @Test
    void aJsonRowWithAHugeNumberOrDeepNesting_costsOnlyThatRow() {
        String ts1 = "2026-04-01T00:15:00+08:00", ts2 = "2026-04-01T00:30:00+08:00";
        String rows = "[{\"meter\":\"" + meter + "\",\"ts\":\"" + ts1 + "\",\"kwh\":1},"
                + "{\"meter\":\"" + meter + "\",\"ts\":\"" + ts2 + "\",\"kwh\":" + "9".repeat(1200) + "},"
                + "{\"meter\":\"" + meter + "\",\"ts\":\"" + ts2 + "\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + ",\"kwh\":1},"
                + "{\"meter\":\"" + meter + "\",\"ts\":\"2026-04-01T00:45:00+08:00\",\"kwh\":2}]";
        Api.Answer a = admin.post("/api/v1/readings", "application/json", rows);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.json().getInteger("accepted"), a.body());
        assertEquals(2, a.json().getJsonArray("rejected").size(), a.body());
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin.base() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TestService.ADMIN);
        if (contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertNotNull(r);
            return r;
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " " + (body == null ? "" : abbreviate(body)) + ": no answer: " + e, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
