package org.furnacewatch.inspect;

import static org.furnacewatch.testing.Deliveries.with;
import static org.furnacewatch.testing.Deliveries.put;
import static org.furnacewatch.testing.Deliveries.tickAt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.cases.Deadlines;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.MutableClock;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check's due date is chased like every deadline of issue 11 (seeds/000, 001 通报、约谈 of slow districts): reminded to the
 * district at 09:00 three working days before, escalated to the city at 09:00 on the first working day after; a check
 * whose result is recorded in time is not escalated. The plan is drawn on today's date (cases run on the wall clock);
 * the delivery clock is moved to the due date's neighbourhood.
 */
class InspectionChaseTest {

    @Test
    void seed000_checkDueDates_remindBefore_escalateAfter_onTheWorkingCalendar() throws Exception {
        Path dir = Files.createTempDirectory("fw-inspect-chase-");
        MutableClock clock = new MutableClock(java.time.Instant.now());
        try (Receiver county = new Receiver(n -> 200); Receiver city = new Receiver(n -> 200);
             FurnaceWatch fw = FurnaceWatch.start(TestService.config(dir, null, 0), clock, () -> 0.5)) {
            Api admin = new Api("http://127.0.0.1:" + fw.httpPort(), TestService.ADMIN);
            put(admin, "500000", "重庆市", null, city.url("/city"));
            put(admin, "500102", "涪陵区", "500000", county.url("/fuling"));
            Api own = admin.as(admin.token("district", "500102"));
            assertEquals(200, own.put("/api/v1/districts/500102/inspectors", new JsonObject().put("inspectors", new JsonArray()
                    .add(new JsonObject().put("id", "ZF1").put("name", "王强")).add(new JsonObject().put("id", "ZF2").put("name", "李娜")))).status());
            for (int i = 0; i < 2; i++) {
                Fixtures.putEnterprise(admin, Fixtures.enterprise("500102", "OPERATING", 800, Fixtures.newMeterId("IC")).put("industry", "3120")
                        .put("name", "涪陵钢铁" + i));
            }
            LocalDate due = Deadlines.workingDayOnOrAfter(LocalDate.now(TestService.zone()).plusDays(60));
            Api.Answer a = own.post("/api/v1/inspections/plans", new JsonObject().put("district", "500102").put("kind", "RANDOM").put("count", 0)
                    .put("seed", "chase").put("due", due.toString()));
            assertEquals(201, a.status(), a.body());
            String id = a.json().getString("id");
            assertEquals(2, a.json().getJsonArray("checks").size(), "both steel works (seeds/000 实行100%全覆盖检查)");
            assertEquals(due.toString(), a.json().getString("due"));

            LocalDate remind = Deadlines.beforeWorkingDays(due, 3);
            tickAt(fw, clock, remind.minusDays(1) + "T12:00");
            assertTrue(with(county, id + "#1").isEmpty(), "not before the reminder is due");
            tickAt(fw, clock, remind + "T09:00");
            Receiver.await("both reminders", () -> with(county, id + "#1").size() == 1 && with(county, id + "#2").size() == 1);
            JsonObject reminder = with(county, id + "#1").get(0).json();
            assertEquals("REMINDER", reminder.getString("purpose"));
            assertEquals("INSPECTION", reminder.getString("kind"));
            assertEquals(due.toString(), reminder.getString("due"));
            assertTrue(reminder.getString("text").contains("请于 " + due + " 前完成检查"), reminder.getString("text"));

            // check 2 is done in time; check 1 is not
            Api.Answer done = own.post("/api/v1/inspections/plans/" + id + "/checks/2/result", new JsonObject().put("result", "NO_PROBLEM"));
            assertEquals(200, done.status(), done.body());
            tickAt(fw, clock, due + "T17:00");
            assertTrue(with(city, id + "#1").isEmpty(), "not on the due date itself");
            tickAt(fw, clock, Deadlines.afterWorkingDays(due, 1) + "T09:00");
            Receiver.await("the escalation to the city", () -> with(city, id + "#1").size() == 1);
            JsonObject esc = with(city, id + "#1").get(0).json();
            assertEquals("ESCALATION", esc.getString("purpose"));
            assertTrue(esc.getString("text").contains("涪陵区未在期限（" + due + "）内完成检查，现升级报送重庆市督办"), esc.getString("text"));
            tickAt(fw, clock, Deadlines.afterWorkingDays(due, 5) + "T09:00");
            assertTrue(with(city, id + "#2").isEmpty(), "a check recorded in time is not escalated");
            assertEquals(1, with(city, id + "#1").size(), "escalated once");
        }
    }



}
