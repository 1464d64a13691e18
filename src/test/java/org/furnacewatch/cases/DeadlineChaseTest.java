package org.furnacewatch.cases;

import static org.furnacewatch.testing.Deliveries.with;
import static org.furnacewatch.testing.Deliveries.put;
import static org.furnacewatch.testing.Deliveries.tickAt;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines chase people (issue 11; seeds/000, 001 “通报”“约谈”): with a controlled clock across National Day 2026
 * (10-01..10-07 rest, 10-10 a make-up working day), a rectification deadline of 2026-10-08 is reminded to the district
 * at 09:00 three working days before (09-28) and escalated to the city at 09:00 on the first working day after it
 * (10-09); a tip-off opened 09-30 must be verified by 10-13, is reminded 10-09 and escalated 10-14; a deadline that
 * stops running (the case moved on) is not escalated.
 */
class DeadlineChaseTest {

    @Test
    void caseAndVerificationDeadlines_remindBefore_escalateAfter_onTheWorkingCalendar_acrossNationalDay() throws Exception {
        Path dir = Files.createTempDirectory("fw-chase-");
        MutableClock clock = new MutableClock(Resurgence.at("2026-09-25T12:00").toInstant());
        try (Receiver county = new Receiver(n -> 200); Receiver city = new Receiver(n -> 200);
             FurnaceWatch fw = FurnaceWatch.start(TestService.config(dir, null, 0), clock, () -> 0.5)) {
            Api admin = new Api("http://127.0.0.1:" + fw.httpPort(), TestService.ADMIN);
            put(admin, "500000", "重庆市", null, city.url("/city"));
            put(admin, "500102", "涪陵区", "500000", county.url("/fuling"));
            Api own = admin.as(admin.token("district", "500102"));
            String e = CaseFixtures.enterprise(admin, "500102", "OPERATING", Fixtures.newMeterId("CH"));
            String rect = CaseFixtures.confirmed(own, e, "ENERGY", false, "2026-04-01");
            assertEquals("2026-10-08", CaseFixtures.ok(own, rect, "ORDER_RECTIFICATION", "2026-04-01T15:00:00+08:00")
                    .getJsonObject("deadlines").getString("rectification"));
            String tip = own.post("/api/v1/cases", new JsonObject().put("source", "TIP_OFF").put("channel", "HOTLINE_12345").put("ditiaogang", true)
                    .put("site", new JsonObject().put("address", "涪陵区某镇废弃砖厂").put("district", "500102"))
                    .put("at", "2026-09-30T10:00:00+08:00")).json().getString("id");
            String moved = CaseFixtures.open(own, CaseFixtures.enterprise(admin, "500102", "OPERATING", Fixtures.newMeterId("CH")),
                    "TIP_OFF", "ENVIRONMENT", false, "2026-09-30T10:00:00+08:00").getString("id");

            tickAt(fw, clock, "2026-09-27T12:00");
            assertTrue(county.requests().stream().allMatch(r -> "REPORT".equals(r.json().getString("kind"))),
                    "Sunday 09-27: no case deadline due yet (the Q3 list's reminder may be)");
            tickAt(fw, clock, "2026-09-28T09:00");
            Receiver.await("the rectification reminder", () -> with(county, rect).size() == 1);
            JsonObject reminder = with(county, rect).get(0).json();
            assertEquals("REMINDER", reminder.getString("purpose"));
            assertEquals("RECTIFICATION", reminder.getString("kind"));
            assertEquals("2026-10-08", reminder.getString("due"));
            assertTrue(reminder.getString("text").contains("请于 2026-10-08 前完成限期整改"), reminder.getString("text"));

            // the holiday passes: nothing escalates while the deadline runs, nor on its last day
            for (String t : new String[] {"2026-10-01T12:00", "2026-10-05T09:00", "2026-10-08T17:00", "2026-10-09T08:59"}) {
                tickAt(fw, clock, t);
                assertTrue(with(city, rect).isEmpty(), "no escalation at " + t);
            }
            tickAt(fw, clock, "2026-10-09T09:00");
            Receiver.await("the escalation to the city", () -> with(city, rect).size() == 1);
            JsonObject esc = with(city, rect).get(0).json();
            assertEquals("ESCALATION", esc.getString("purpose"));
            assertTrue(esc.getString("text").contains("涪陵区未在期限（2026-10-08）内完成限期整改，现升级报送重庆市督办"), esc.getString("text"));
            // the tip-offs' verification deadline 10-13 (5 working days, 10-10 works): both reminded on 10-09
            Receiver.await("the verification reminders", () -> with(county, tip).size() == 1 && with(county, moved).size() == 1);
            assertEquals("VERIFICATION", with(county, tip).get(0).json().getString("kind"));
            assertEquals("2026-10-13", with(county, tip).get(0).json().getString("due"));

            // one tip-off is verified in time: its chase ends; the other is escalated on 10-14
            CaseFixtures.ok(own, moved, "VERIFY", "2026-10-12T10:00:00+08:00");
            tickAt(fw, clock, "2026-10-13T17:00");
            assertTrue(with(city, tip).isEmpty(), "not before the deadline has passed");
            tickAt(fw, clock, "2026-10-14T09:00");
            Receiver.await("the verification escalation", () -> with(city, tip).size() == 1);
            tickAt(fw, clock, "2026-11-30T09:00");
            assertTrue(with(city, moved).isEmpty(), "a verified tip-off is not escalated");
            assertEquals(1, with(city, rect).size(), "escalated once");
            assertEquals(1, with(county, rect).size(), "reminded once");

            // the city sees the district's overdue items and records 通报 against it (seeds/000 通报、约谈)
            Api cityApi = admin.as(admin.token("district", "500000"));
            JsonObject overdue = cityApi.get("/api/v1/overdue").json();
            JsonObject fuling = overdue.getJsonArray("districts").stream().map(o -> (JsonObject) o)
                    .filter(d -> "500102".equals(d.getString("district"))).findFirst().orElseThrow();
            assertTrue(fuling.getInteger("overdue") >= 2, fuling.encode());
            Api.Answer notice = cityApi.post("/api/v1/districts/500102/supervision", new JsonObject().put("kind", "CIRCULAR")
                    .put("at", "2026-11-30T10:00:00+08:00").put("note", "涪陵区整改、核查逾期，予以通报"));
            assertEquals(201, notice.status(), notice.body());
            assertEquals(403, own.post("/api/v1/districts/500102/supervision", new JsonObject().put("kind", "SUMMONS")
                    .put("at", "2026-11-30T10:00:00+08:00").put("note", "自己约谈自己")).status(), "a district does not supervise itself");
            JsonArray records = own.get("/api/v1/districts/500102/supervision").array();
            assertEquals("CIRCULAR", records.getJsonObject(0).getString("kind"));
        }
    }



}
