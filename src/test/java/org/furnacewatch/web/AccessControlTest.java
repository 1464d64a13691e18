package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Tokens and roles exactly as CONTRACT.md "Who may do what". */
class AccessControlTest {
    static Api admin;
    static String districtA, districtB, enterpriseA, enterpriseB, meterA;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        districtA = TestService.newDistrictCode();
        districtB = TestService.newDistrictCode();
        Fixtures.district(admin, districtA, "甲区");
        Fixtures.district(admin, districtB, "乙区");
        meterA = Fixtures.newMeterId("A");
        enterpriseA = Fixtures.putEnterprise(admin, Fixtures.enterprise(districtA, "OPERATING", 100, meterA));
        enterpriseB = Fixtures.putEnterprise(admin, Fixtures.enterprise(districtB, "OPERATING", 100, Fixtures.newMeterId("B")));
    }

    @Test
    void missingOrUnknownToken_is401() {
        assertEquals(401, admin.as(null).get("/api/v1/enterprises").status());
        assertEquals(401, admin.as("nope").get("/api/v1/enterprises").status());
        assertEquals(401, admin.as(null).post("/api/v1/readings", "application/json", "[]").status());
    }

    @Test
    void feedToken_mayPostReadings_andNothingElse() {
        Api feed = admin.as(admin.token("feed", null));
        String body = new JsonArray().add(new JsonObject().put("meter", meterA).put("ts", "2026-06-01T00:15:00+08:00").put("kwh", 1)).encode();
        assertEquals(200, feed.post("/api/v1/readings", "application/json", body).status());
        assertEquals(403, feed.get("/api/v1/enterprises").status());
        assertEquals(403, feed.get("/api/v1/enterprises/" + enterpriseA).status());
        assertEquals(403, feed.get("/api/v1/enterprises/" + enterpriseA + "/readings").status());
        assertEquals(403, feed.put("/api/v1/districts/" + districtA, new JsonObject().put("name", "x")).status());
        assertEquals(403, feed.post("/api/v1/tokens", new JsonObject().put("role", "admin")).status());
    }

    @Test
    void districtToken_seesOnlyItsOwnDistrict() {
        Api district = admin.as(admin.token("district", districtA));
        assertEquals(200, district.get("/api/v1/enterprises/" + enterpriseA).status());
        assertEquals(200, district.get("/api/v1/enterprises/" + enterpriseA + "/readings").status());
        assertEquals(404, district.get("/api/v1/enterprises/" + enterpriseB).status());
        assertEquals(404, district.get("/api/v1/enterprises/" + enterpriseB + "/readings").status());
        assertEquals(404, district.get("/api/v1/enterprises?district=" + districtB).status());
        JsonArray own = district.get("/api/v1/enterprises").array();
        assertFalse(own.isEmpty());
        for (Object o : own) assertEquals(districtA, ((JsonObject) o).getString("district"));
        assertEquals(403, district.post("/api/v1/readings", "application/json", "[]").status());
        assertEquals(403, district.put("/api/v1/enterprises/" + enterpriseA, new JsonObject()).status());
    }

    @Test
    void analyst_readsEverything_butCannotAdminister() {
        Api analyst = admin.as(admin.token("analyst", null));
        assertEquals(200, analyst.get("/api/v1/enterprises/" + enterpriseB).status());
        assertEquals(403, analyst.post("/api/v1/tokens", new JsonObject().put("role", "feed")).status());
    }

    @Test
    void tokenCreation_requiresDistrictForAndOnlyForTheDistrictRole() {
        assertEquals(400, admin.post("/api/v1/tokens", new JsonObject().put("role", "district")).status());
        assertEquals(400, admin.post("/api/v1/tokens", new JsonObject().put("role", "feed").put("district", districtA)).status());
        assertEquals(400, admin.post("/api/v1/tokens", new JsonObject().put("role", "king")).status());
    }

    @Test
    void tokens_areStoredHashed() throws Exception {
        String token = admin.token("feed", null);
        try (var c = TestService.get().database().connection();
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM tokens WHERE encode(token_hash, 'escape') LIKE '%" + token.substring(3, 20) + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }
}
