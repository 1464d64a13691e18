package org.furnacewatch.calendar;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.cases.Deadlines;
import org.furnacewatch.notify.WorkingTime;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin stores a year the State Council published: it is in force at once for working hours and deadlines, and
 * after a restart. Uses 2031, a year no other test's data reaches (the calendar in force is one per process).
 */
class CalendarApiTest {
  private static final JsonObject YEAR_2031 = new JsonObject().put("year", 2031).put("source", "国办发明电〔2030〕X号 (test)")
      .put("holidays", new JsonArray()
          .add(new JsonObject().put("name", "春节").put("from", "2031-01-22").put("to", "2031-01-29"))
          .add(new JsonObject().put("name", "国庆节").put("from", "2031-10-01").put("to", "2031-10-07")))
      .put("workdays", new JsonArray().add(new JsonObject().put("name", "春节").put("date", "2031-01-19")));

  @Test
  void storedYear_inForceAtOnce_andAfterRestart() throws Exception {
    Path dir = Files.createTempDirectory("fw-calendar-");
    LocalDate monday = LocalDate.of(2031, 1, 27);
    try (FurnaceWatch first = FurnaceWatch.start(TestService.config(dir, null, 0))) {
      Api admin = new Api("http://127.0.0.1:" + first.httpPort(), TestService.ADMIN);
      assertEquals(404, admin.get("/api/v1/calendar/2031").status(), "no arrangement shipped for 2031");
      assertTrue(WorkingCalendar.current().isWorkingDay(monday));

      Api.Answer put = admin.put("/api/v1/calendar/2031", YEAR_2031);
      assertEquals(200, put.status(), put.body());
      assertTrue(put.json().getString("storedBy").startsWith("admin:"));
      assertFalse(WorkingCalendar.current().isWorkingDay(monday), "a Spring Festival Monday rests");
      assertTrue(WorkingCalendar.current().isWorkingDay(LocalDate.of(2031, 1, 19)), "the make-up Sunday works");
      assertEquals(LocalDate.of(2031, 1, 30), Deadlines.after(LocalDate.of(2030, 7, 22), 6), "a deadline leaves the holiday");
      WorkingTime hours = new WorkingTime(true, LocalTime.of(9, 0), LocalTime.of(17, 0), TestService.zone());
      Instant friday = LocalDate.of(2031, 1, 17).atTime(16, 0).atZone(TestService.zone()).toInstant();
      assertEquals(LocalDate.of(2031, 1, 19).atTime(10, 0).atZone(TestService.zone()).toInstant(),
          hours.plus(friday, Duration.ofHours(2)), "two working hours from Friday 16:00 end on the make-up Sunday");
      assertTrue(admin.get("/api/v1/calendar").array().stream()
          .anyMatch(o -> ((JsonObject) o).getInteger("year") == 2031));
    }
    WorkingCalendar.install(WorkingCalendar.shipped()); // as a fresh process would start
    try (FurnaceWatch second = FurnaceWatch.start(TestService.config(dir, null, 0))) {
      Api admin = new Api("http://127.0.0.1:" + second.httpPort(), TestService.ADMIN);
      Api.Answer got = admin.get("/api/v1/calendar/2031");
      assertEquals(200, got.status(), got.body());
      assertEquals("2031-01-22", got.json().getJsonArray("holidays").getJsonObject(0).getString("from"));
      assertFalse(WorkingCalendar.current().isWorkingDay(monday), "still in force after the restart");
      assertEquals(false, admin.get("/api/v1/calendar/2026").json().getBoolean("provisional"));
      assertTrue(admin.get("/api/v1/calendar/2027").json().getBoolean("provisional"));
    }
  }

  @Test
  void roles_andBadInput() {
    Api admin = TestService.admin();
    String district = TestService.newDistrictCode();
    admin.put("/api/v1/districts/" + district, new JsonObject().put("name", "测试区").put("parent", "500000"));
    Api analyst = admin.as(admin.token("analyst", null));
    Api districtApi = admin.as(admin.token("district", district));
    assertEquals(200, analyst.get("/api/v1/calendar/2026").status());
    assertEquals(403, analyst.put("/api/v1/calendar/2032", YEAR_2031.copy().put("year", 2032)).status());
    assertEquals(403, districtApi.get("/api/v1/calendar").status());
    assertEquals(401, admin.as("nobody").get("/api/v1/calendar").status());
    Api.Answer bad = admin.put("/api/v1/calendar/2031", YEAR_2031.copy().put("workdays",
        new JsonArray().add(new JsonObject().put("name", "x").put("date", "2031-01-21"))));
    assertEquals(400, bad.status());
    assertEquals("workdays[0].date", bad.json().getString("field"));
    assertEquals(400, admin.put("/api/v1/calendar/31", YEAR_2031).status());
    assertEquals(400, admin.put("/api/v1/calendar/2031", YEAR_2031.copy().put("year", 2030)).status());
  }
}
