package org.furnacewatch.detect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 over HTTP: an account (户号) no registered enterprise owns, at a site nobody closed, is watched with the
 * context it has: a rented warehouse that starts melting at night raises an alert that names the account.
 */
class AccountWithoutEnterpriseTest {

    @Test
    void accountOnly_warehouseMeltingAtNight_raisesAnAlertNamingTheAccount() {
        Api admin = TestService.admin();
        String district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "户号测试区");
        LocalDate start = FurnaceSignatureTest.START;
        OffsetDateTime t0 = start.atStartOfDay().atOffset(ZoneOffset.ofHours(8));
        String meter = Fixtures.newMeterId("WH");
        String account = "WH" + System.nanoTime();
        JsonArray file = new JsonArray().add(new JsonObject().put("account", account).put("name", "某仓储户")
                .put("address", "户号测试区物流园5号库").put("district", district).put("category", "一般工商业").put("capacityKva", 1000)
                .put("effectiveFrom", t0.minusDays(30).toString())
                .put("meters", new JsonArray().add(new JsonObject().put("id", meter).put("multiplier", 1))));
        assertEquals(200, admin.post("/api/v1/power-accounts", "application/json", file.encode()).status());
        double[] kwh = FurnaceSignatureTest.warehouseWithNightMelting();
        Resurgence.readings(admin, meter, t0, kwh.length, i -> kwh[i]);
        Resurgence.awaitDetection(admin);
        JsonArray alerts = admin.get("/api/v1/alerts?district=" + district).array();
        assertTrue(alerts.size() >= 1, "an alert for the account: " + alerts.encode());
        JsonObject a = alerts.getJsonObject(0);
        assertEquals(account, a.getString("account"), a.encode());
        assertNull(a.getValue("enterprise"), "no enterprise is on file for it");
        assertEquals(account, a.getJsonObject("evidence").getJsonObject("account").getString("account"));
        // the signed evidence page draws the account's load
        String url = admin.get("/api/v1/alerts/" + a.getString("id") + "/evidence-link").json().getString("url");
        Api.Answer page = admin.as(null).get(url.substring(admin.base().length()));
        assertEquals(200, page.status());
        assertTrue(page.body().contains("供电户号") && page.body().contains("<path id=\"load-curve\" d=\"M"), "the account's curve");
    }
}
