package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alert list pages by cursor when asked, and is the contract's plain array when not. */
class AlertPagingTest {
  private static final int SITES = 5;
  private static Api admin;
  private static String district;

  @BeforeAll
  static void fiveAlertsInOneDistrict() {
    admin = TestService.admin();
    district = TestService.newDistrictCode();
    assertEquals(200, admin.put("/api/v1/districts/" + district, new JsonObject().put("name", "分页区").put("parent", "500000")).status());
    for (int i = 0; i < SITES; i++) Resurgence.post(admin, district, "CLOSED", Resurgence.at("2026-05-0" + (i + 1) + "T00:00"));
    Resurgence.awaitDetection(admin);
  }

  @Test
  void pages_walkTheSameListAsTheUnpagedAnswer_withoutRepeats() {
    JsonArray all = admin.get("/api/v1/alerts?district=" + district).array();
    assertEquals(SITES, all.size());
    assertTrue(admin.get("/api/v1/alerts?district=" + district).raw().headers().firstValue("X-Next-Cursor").isEmpty(),
        "no paging headers without paging parameters");
    List<String> paged = new ArrayList<>();
    String next = "/api/v1/alerts?district=" + district + "&limit=2";
    int pages = 0;
    while (next != null) {
      Api.Answer page = admin.get(next);
      assertEquals(200, page.status(), page.body());
      for (Object o : page.array()) paged.add(((JsonObject) o).getString("id"));
      String link = page.raw().headers().firstValue("Link").orElse(null);
      next = link == null ? null : link.substring(1, link.indexOf('>'));
      if (link != null) assertTrue(next.contains("district=" + district) && next.contains("limit=2"), link);
      pages++;
    }
    assertEquals(3, pages);
    List<String> expected = all.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    assertEquals(expected, paged);
  }

  @Test
  void badPagingParameters_are400NamingTheField() {
    assertEquals("limit", admin.get("/api/v1/alerts?limit=0").json().getString("field"));
    assertEquals("limit", admin.get("/api/v1/alerts?limit=1001").json().getString("field"));
    assertEquals("limit", admin.get("/api/v1/alerts?limit=ten").json().getString("field"));
    Api.Answer bad = admin.get("/api/v1/alerts?cursor=not-a-cursor");
    assertEquals(400, bad.status());
    assertEquals("cursor", bad.json().getString("field"));
  }

  @Test
  void aDistrictPages_onlyItsOwnAlerts() {
    Api own = admin.as(admin.token("district", district));
    Api.Answer first = own.get("/api/v1/alerts?limit=4");
    assertEquals(4, first.array().size());
    String cursor = first.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
    JsonArray rest = own.get("/api/v1/alerts?cursor=" + cursor).array();
    assertEquals(1, rest.size());
    assertFalse(first.array().stream().anyMatch(o -> !district.equals(((JsonObject) o).getString("district"))));
  }
}
