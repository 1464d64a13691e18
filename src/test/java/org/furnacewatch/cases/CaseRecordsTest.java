package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.furnacewatch.cases.CaseFixtures.confirmed;
import static org.furnacewatch.cases.CaseFixtures.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a case leaves behind: append-only history, evidence with its hash, documents, reports, and district isolation. */
class CaseRecordsTest {
    static Api admin, own, other, feed, analyst;
    static String district, otherDistrict, enterprise, caseId, closedCaseId;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        otherDistrict = TestService.newDistrictCode();
        Fixtures.district(admin, district, "记录测试区");
        Fixtures.district(admin, otherDistrict, "隔壁区");
        admin.put("/api/v1/districts/500000", new JsonObject().put("name", "重庆市").put("receivers", new JsonArray())); // the city
        own = admin.as(admin.token("district", district));
        other = admin.as(admin.token("district", otherDistrict));
        feed = admin.as(admin.token("feed", null));
        analyst = admin.as(admin.token("analyst", null));
        enterprise = CaseFixtures.enterprise(admin, district, "OPERATING", Fixtures.newMeterId("REC"));
        caseId = confirmed(own, enterprise, "ENERGY", false, "2026-03-02");
        ok(own, caseId, "ORDER_RECTIFICATION", "2026-03-03T10:00:00+08:00");
        String closed = CaseFixtures.enterprise(admin, district, "OPERATING", Fixtures.newMeterId("REC"));
        closedCaseId = confirmed(own, closed, "TECHNOLOGY", true, "2026-04-01");
        ok(own, closedCaseId, "CLOSE_IMMEDIATELY", "2026-04-01T12:00:00+08:00");
        ok(own, closedCaseId, "SEAL_EQUIPMENT", "2026-04-01T13:00:00+08:00");
        ok(own, closedCaseId, "DISMANTLE_ITEM", "2026-04-02T13:00:00+08:00", new JsonObject().put("item", "FURNACE_BODY"));
        ok(own, closedCaseId, "REVOKE_LICENCE", "2026-04-03T13:00:00+08:00");
    }

    @Test
    void history_isAppendOnly_evenForSql() throws SQLException {
        try (Connection c = TestService.get().database().pool().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE case_events SET note = '改写' WHERE case_id = '" + caseId + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM case_events WHERE case_id = '" + caseId + "'"));
            assertThrows(SQLException.class, () -> st.executeUpdate("TRUNCATE case_events CASCADE"));
            assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE case_evidence SET sha256 = repeat('0', 64)"));
        }
        assertEquals(4, own.get("/api/v1/cases/" + caseId).json().getJsonArray("history").size());
        assertEquals(404, own.put("/api/v1/cases/" + caseId, new JsonObject().put("state", "CLOSED")).status(), "no API rewrites a case");
    }

    @Test
    void evidence_rawOrMultipart_isListedWithItsSha256_andDownloadsVerified() throws Exception {
        byte[] photo = "现场照片：中频炉铭牌 KGPS-500".getBytes(StandardCharsets.UTF_8);
        Api.Answer raw = own.post("/api/v1/cases/" + caseId + "/evidence?filename=nameplate.txt&note=%E9%93%AD%E7%89%8C", "text/plain", photo);
        assertEquals(201, raw.status(), raw.body());
        String sha = CaseService.sha256(photo);
        assertEquals(sha, raw.json().getString("sha256"));

        String boundary = "----fw" + System.nanoTime();
        byte[] pdf = new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', 0, 1, 2, (byte) 0xff};
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"record.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Api.Answer multi = own.post("/api/v1/cases/" + caseId + "/evidence", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertEquals(201, multi.status(), multi.body());
        assertEquals(CaseService.sha256(pdf), multi.json().getString("sha256"));
        assertEquals("record.pdf", multi.json().getString("filename"));

        JsonArray list = own.get("/api/v1/cases/" + caseId + "/evidence").array();
        assertTrue(list.stream().anyMatch(o -> sha.equals(((JsonObject) o).getString("sha256"))), list.encode());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(own.base()
                        + "/api/v1/cases/" + caseId + "/evidence/" + multi.json().getString("id")))
                .header("Authorization", "Bearer " + tokenOf(own)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(pdf, download.body());
        assertEquals(CaseService.sha256(pdf), download.headers().firstValue("X-Content-SHA256").orElseThrow());

        // another district: 404, never the file; a feed: 403
        assertEquals(404, other.get("/api/v1/cases/" + caseId + "/evidence").status());
        assertEquals(404, other.get("/api/v1/cases/" + caseId + "/evidence/" + multi.json().getString("id")).status());
        assertEquals(404, other.post("/api/v1/cases/" + caseId + "/evidence", "text/plain", photo).status());
        assertEquals(403, feed.get("/api/v1/cases/" + caseId + "/evidence").status());
    }

    @Test
    void anotherDistrict_seesNeitherCasesNorListsNorReports_andAFeedIsForbidden() {
        assertEquals(404, other.get("/api/v1/cases/" + caseId).status());
        assertEquals(404, CaseFixtures.act(other, caseId, "REQUEST_EXTENSION", "2026-04-01T10:00:00+08:00", new JsonObject().put("months", 1)).status());
        assertEquals(404, other.get("/api/v1/cases/" + caseId + "/documents/credit-record").status());
        assertTrue(other.get("/api/v1/cases").array().isEmpty());
        assertEquals(404, other.get("/api/v1/cases?district=" + district).status());
        assertTrue(other.get("/api/v1/lists/yellow").array().stream().noneMatch(o -> caseId.equals(((JsonObject) o).getString("caseId"))));
        assertTrue(other.get("/api/v1/lists/red").array().stream().noneMatch(o -> closedCaseId.equals(((JsonObject) o).getString("caseId"))));
        assertEquals(404, other.get("/api/v1/lists/red?district=" + district).status());
        assertEquals(404, other.get("/api/v1/reports/annual?year=2026&district=" + district).status());
        assertEquals(404, other.post("/api/v1/cases", new JsonObject().put("enterprise", enterprise).put("source", "TIP_OFF")
                .put("dimension", "ENERGY")).status());
        for (String path : new String[] {"/api/v1/cases", "/api/v1/cases/" + caseId, "/api/v1/lists/yellow", "/api/v1/lists/red",
                "/api/v1/reports/annual"}) {
            assertEquals(403, feed.get(path).status(), path);
        }
        assertEquals(403, analyst.post("/api/v1/cases", new JsonObject()).status(), "analysts read, districts act");
        assertEquals(200, analyst.get("/api/v1/cases/" + caseId).status());
    }

    @Test
    void listsAndDocuments_areTheDocumentsDepartmentsSend() {
        JsonObject y = own.get("/api/v1/lists/yellow").array().stream().map(o -> (JsonObject) o)
                .filter(o -> caseId.equals(o.getString("caseId"))).findFirst().orElseThrow();
        assertEquals("2026-09-03", y.getString("deadline"));
        assertEquals(enterprise, y.getString("enterprise"));
        String csv = own.get("/api/v1/lists/yellow?format=csv").body();
        assertTrue(csv.contains("统一社会信用代码") && csv.contains(enterprise) && csv.contains("2026-09-03"), csv);
        String html = own.get("/api/v1/lists/yellow?format=html").body();
        assertTrue(html.contains("黄牌") && html.contains("记录测试区"), html);

        String credit = own.get("/api/v1/cases/" + caseId + "/documents/credit-record").body();
        assertTrue(credit.contains("测试铸造有限公司") && credit.contains(enterprise) && credit.contains("记录测试区经济信息委")
                && credit.contains("2026-03-02"), credit);
        Api.Answer price = own.get("/api/v1/cases/" + caseId + "/documents/electricity-price?format=csv");
        assertEquals(200, price.status());
        assertTrue(price.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(price.body().contains("惩罚性电价") && price.body().contains(enterprise), price.body());
        Api.Answer notYet = own.get("/api/v1/cases/" + caseId + "/documents/licence-revocation");
        assertEquals(409, notYet.status());
        assertEquals("RULE_DOCUMENT_NOT_APPLICABLE", notYet.json().getString("rule"));
        String revocation = own.get("/api/v1/cases/" + closedCaseId + "/documents/licence-revocation").body();
        assertTrue(revocation.contains("撤销生产许可证决定书") && revocation.contains("地条钢"), revocation);
        assertEquals(404, own.get("/api/v1/cases/" + caseId + "/documents/no-such-type").status());
    }

    @Test
    void annualReport_perDistrictAndForTheCity() {
        JsonObject r = own.get("/api/v1/reports/annual?year=2026").json();
        JsonObject line = r.getJsonArray("districts").getJsonObject(0);
        assertEquals(district, line.getString("district"));
        assertEquals(2, line.getInteger("casesOpened"));
        assertEquals(1, line.getInteger("enterprisesClosed"));
        assertEquals(1, line.getInteger("equipmentDismantled"));
        assertEquals(1, line.getInteger("equipmentSealed"));
        assertEquals(800.0, line.getDouble("capacityExitedKva"));
        assertEquals(500.0, line.getDouble("ratedKwExited"));
        assertEquals(2, line.getInteger("overdue"), "rectification due 2026-09-03 and dismantling due 2026-07-01 have both passed");

        JsonObject city = admin.get("/api/v1/reports/annual?year=2026&city=500000").json();
        JsonArray rows = city.getJsonArray("districts");
        assertTrue(rows.stream().anyMatch(o -> district.equals(((JsonObject) o).getString("district"))), rows.encode());
        assertEquals("合计", rows.getJsonObject(rows.size() - 1).getString("name"));
        String csv = admin.get("/api/v1/reports/annual?year=2026&city=500000&format=csv").body();
        assertTrue(csv.contains("退出产能(kVA)") && csv.contains("记录测试区"), csv);
        String html = own.get("/api/v1/reports/annual?year=2026&format=html").body();
        assertTrue(html.contains("2026年度") && html.contains("逾期案件"), html);
    }

    @Test
    void aDismissedAlertCase_givesTheAlertTheOutcomeFalse() {
        String meter = Fixtures.newMeterId("FALSE");
        String site = CaseFixtures.enterprise(admin, district, "CLOSED", meter);
        java.time.OffsetDateTime start = CaseFixtures.at("2026-08-01T00:00");
        CaseFixtures.post(admin, meter, start, 96, i -> 1.0);
        CaseFixtures.post(admin, meter, start.plusDays(1), 36, i -> i < 4 ? 1.0 : 150.0);
        CaseFixtures.awaitDetection(admin);
        JsonArray alerts = own.get("/api/v1/alerts?enterprise=" + site).array();
        assertEquals(1, alerts.size(), alerts.encode());
        String alertId = alerts.getJsonObject(0).getString("id");
        Api.Answer opened = own.post("/api/v1/cases", new JsonObject().put("enterprise", site).put("source", "ALERT")
                .put("alertId", alertId).put("dimension", "ENERGY").put("at", "2026-08-03T09:00:00+08:00"));
        assertEquals(201, opened.status(), opened.body());
        String id = opened.json().getString("id");
        ok(own, id, "VERIFY", "2026-08-04T09:00:00+08:00", new JsonObject().put("note", "电表接线错误，非生产用电"));
        ok(own, id, "DISMISS", "2026-08-04T10:00:00+08:00");
        assertEquals("FALSE", own.get("/api/v1/cases/" + id).json().getString("alertOutcome"));
        assertEquals("CASE_OPENED", own.get("/api/v1/alerts/" + alertId).json().getString("status"));
    }

    private static String tokenOf(Api api) throws Exception {
        java.lang.reflect.Field f = Api.class.getDeclaredField("token");
        f.setAccessible(true);
        return (String) f.get(api);
    }
}
