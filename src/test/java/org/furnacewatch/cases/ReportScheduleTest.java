package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.MutableClock;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.furnacewatch.testing.Deliveries.put;
import static org.furnacewatch.testing.Deliveries.tickAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports with due dates (seeds/003 Guangdong: enterprise lists on 15 April, 30 June, 30 September; seeds/002 Fuling
 * year-end summaries): the Q1 enterprise list is reminded three working days before its due date and generated on
 * 2026-04-15 (not a day earlier), kept as CSV and a printable page; the public list of exited enterprises carries
 * equipment and capacity (seeds/002 “公告年度落后产能退出企业名单、设备（生产线）和产能情况”); the city ranks its districts;
 * the 挖矿 and eliminated-equipment ledgers (seeds/000 “建立工作台账”).
 */
class ReportScheduleTest {

    @Test
    void quarterlyList_isRemindedThenGeneratedOnItsDueDate_andKept() throws Exception {
        Path dir = Files.createTempDirectory("fw-reports-");
        MutableClock clock = new MutableClock(Resurgence.at("2026-03-20T12:00").toInstant());
        try (Receiver county = new Receiver(n -> 200); Receiver city = new Receiver(n -> 200);
             FurnaceWatch fw = FurnaceWatch.start(TestService.config(dir, null, 0), clock, () -> 0.5)) {
            Api admin = new Api("http://127.0.0.1:" + fw.httpPort(), TestService.ADMIN);
            put(admin, "440000", "广东省", null, city.url("/gd"));
            put(admin, "440300", "深圳市", "440000", county.url("/sz"));
            Api own = admin.as(admin.token("district", "440300"));
            JsonObject body = Fixtures.enterprise("440300", "OPERATING", 1600, Fixtures.newMeterId("GD")).put("name", "某某铸钢有限公司")
                    .put("effectiveFrom", "2025-01-01T00:00:00+08:00")
                    .put("equipment", new JsonArray().add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", 1000).put("licensed", false)));
            String e = Fixtures.putEnterprise(admin, body);
            String id = CaseFixtures.confirmed(own, e, "TECHNOLOGY", true, "2026-03-02");
            CaseFixtures.ok(own, id, "CLOSE_IMMEDIATELY", "2026-03-03T09:00:00+08:00");
            Api.Answer mining = own.post("/api/v1/cases", new JsonObject().put("enterprise", Fixtures.putEnterprise(admin,
                    Fixtures.enterprise("440300", "OPERATING", 400, Fixtures.newMeterId("GD")).put("name", "某某数据科技有限公司")))
                    .put("source", "INSPECTION").put("mining", true).put("at", "2026-03-05T09:00:00+08:00"));
            assertEquals(201, mining.status(), mining.body());

            tickAt(fw, clock, "2026-04-09T12:00");
            assertTrue(reports(county).isEmpty(), "not yet reminded");
            tickAt(fw, clock, "2026-04-10T09:00");
            Receiver.await("the report reminder", () -> reports(county).stream().anyMatch(r -> r.getString("subject").equals("GD_LIST_Q1-2026-Q1")));
            tickAt(fw, clock, "2026-04-14T23:59");
            assertTrue(runs(own, "GD_LIST_Q1").isEmpty(), "not before its due date");
            tickAt(fw, clock, "2026-04-15T00:05");
            Receiver.await("the Q1 list generated", () -> !runs(own, "GD_LIST_Q1").isEmpty());
            JsonObject run = runs(own, "GD_LIST_Q1").getJsonObject(0);
            assertEquals("2026-Q1", run.getString("period"));
            assertEquals("2026-04-15", run.getString("due"));
            assertEquals(1, run.getInteger("rows"), "the confirmed case (the mining one is not confirmed yet): " + run.encode());
            String csv = own.get("/api/v1/reports/runs/" + run.getLong("id") + "?format=csv").body();
            assertTrue(csv.contains(e) && csv.contains("某某铸钢有限公司") && csv.contains("红牌"), csv);
            assertTrue(own.get("/api/v1/reports/runs/" + run.getLong("id")).body().contains("<h1>"));
            tickAt(fw, clock, "2026-04-16T09:00");
            assertEquals(1, runs(own, "GD_LIST_Q1").size(), "generated once, kept");
            assertTrue(reports(city).isEmpty(), "a report generated on time is not escalated");

            // the public list of exited enterprises, with equipment and capacity
            JsonObject exited = own.get("/api/v1/reports/exited?year=2026").json();
            JsonObject row = exited.getJsonArray("rows").getJsonObject(0);
            assertEquals(e, row.getString("统一社会信用代码"));
            assertEquals("中频炉 1000kW", row.getString("设备（生产线）"));
            assertEquals("1600", row.getString("报装容量(kVA)"));
            // the province ranks its districts; the ledgers
            Api province = admin.as(admin.token("district", "440000"));
            JsonArray ranking = province.get("/api/v1/reports/ranking?year=2026").json().getJsonArray("rows");
            assertEquals("440300", ranking.getJsonObject(0).getString("区县代码"));
            assertTrue(own.get("/api/v1/ledgers/mining?format=csv").body().contains("某某数据科技有限公司"));
            assertTrue(own.get("/api/v1/ledgers/eliminated-equipment").body().contains("中频炉"));
            assertEquals(400, own.get("/api/v1/ledgers/mining?format=xls").status());
        }
    }

    static JsonArray runs(Api api, String kind) {
        return api.get("/api/v1/reports/runs?kind=" + kind).array();
    }

    static List<JsonObject> reports(Receiver r) {
        return r.requests().stream().map(Receiver.Request::json).filter(j -> "REPORT".equals(j.getString("kind"))).toList();
    }
}
