package org.furnacewatch.notify;

import static org.furnacewatch.testing.Deliveries.put;
import static org.furnacewatch.testing.Deliveries.tickAt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.MutableClock;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reminders and escalation with a controlled clock, in working hours (09:00-17:00) over the Chinese calendar: an
 * alert raised on Saturday 2026-02-14 (the make-up working day before the Spring Festival) with a 4-hour ack
 * deadline is reminded and escalated to the city only after work resumes on Tuesday 2026-02-24.
 */
class EscalationTest {
    static Instant local(String t) {
        return Resurgence.at(t).toInstant();
    }

    @Test
    void unacknowledgedAlert_beforeSpringFestival_isRemindedAndEscalatedOnlyAfterWorkResumes() throws Exception {
        Path dir = Files.createTempDirectory("fw-escalation-");
        MutableClock clock = new MutableClock(local("2026-02-14T15:00"));
        try (Receiver county = new Receiver(n -> 200); Receiver city = new Receiver(n -> 200);
             FurnaceWatch fw = FurnaceWatch.start(TestService.config(dir, null, 0), clock, () -> 0.5)) {
            Api admin = new Api("http://127.0.0.1:" + fw.httpPort(), TestService.ADMIN);
            Api.Answer routing = admin.put("/api/v1/routing", new JsonObject().put("ackDeadline", "PT4H").put("workingHours", true)
                    .put("workdayStart", "09:00").put("workdayEnd", "17:00").put("reminderLead", "PT1H"));
            assertEquals(200, routing.status(), routing.body());
            put(admin, "500000", "重庆市", null, city.url("/city"));
            put(admin, "500102", "涪陵区", "500000", county.url("/fuling"));
            Resurgence.Site site = Resurgence.post(admin, "500102", "CLOSED", Resurgence.at("2026-02-01T00:00"));
            Resurgence.Site acked = Resurgence.post(admin, "500102", "CLOSED", Resurgence.at("2026-02-01T00:00"));
            String id = Resurgence.alert(admin, site).getString("id");
            String ackedId = Resurgence.alert(admin, acked).getString("id");
            Receiver.await("the new alert reaches the county", () -> county.with("id", id).size() == 1);
            assertEquals("NEW", county.with("id", id).get(0).json().getString("purpose"));
            assertEquals(200, admin.post("/api/v1/alerts/" + ackedId + "/ack", new JsonObject().put("by", "值班员")).status());

            for (String t : new String[] {"2026-02-14T16:59", "2026-02-15T12:00", "2026-02-18T10:00", "2026-02-23T16:00", "2026-02-24T09:59"}) {
                tickAt(fw, clock, t);
                assertEquals(1, county.with("id", id).size(), "nothing more at " + t + " (holiday or not yet due)");
                assertTrue(city.requests().isEmpty(), "no escalation at " + t);
            }
            tickAt(fw, clock, "2026-02-24T10:00");
            Receiver.await("the reminder", () -> county.with("id", id).size() == 2);
            JsonObject reminder = county.with("id", id).get(1).json();
            assertEquals("REMINDER", reminder.getString("purpose"));
            assertTrue(reminder.getString("text").contains("2026-02-24 11:00"), reminder.getString("text"));
            assertTrue(city.requests().isEmpty());

            tickAt(fw, clock, "2026-02-24T10:59");
            assertTrue(city.requests().isEmpty(), "not before the deadline");
            tickAt(fw, clock, "2026-02-24T11:00");
            Receiver.await("the escalation to the city", () -> city.with("id", id).size() == 1);
            JsonObject escalation = city.with("id", id).get(0).json();
            assertEquals("ESCALATION", escalation.getString("purpose"));
            assertEquals("500102", escalation.getString("district"));
            assertTrue(escalation.getString("text").contains("涪陵区未在规定时限内确认"), escalation.getString("text"));
            assertTrue(escalation.getString("subject").startsWith("【升级】"), escalation.getString("subject"));

            tickAt(fw, clock, "2026-03-10T11:00");
            assertEquals(1, city.with("id", id).size(), "escalated once");
            assertEquals(2, county.with("id", id).size(), "reminded once");
            assertTrue(city.with("id", ackedId).isEmpty(), "an acknowledged alert is not escalated");
            assertEquals(1, county.with("id", ackedId).size(), "nor reminded");
            JsonArray ds = admin.get("/api/v1/deliveries?alert=" + id).array();
            assertEquals(3, ds.size(), ds.encode());
        }
    }


}
