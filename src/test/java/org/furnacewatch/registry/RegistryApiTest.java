package org.furnacewatch.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry rules of CONTRACT.md, through the API. */
class RegistryApiTest {
    static Api admin;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "登记测试区");
    }

    @Test
    void creditCode_checkCharacterIsVerified() {
        assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
        assertTrue(CreditCode.isValid("91350100M000100Y43"));
        String wrong = "91350100M000100Y44";
        Api.Answer a = admin.put("/api/v1/enterprises/" + wrong, Fixtures.enterprise(district, "OPERATING", 100, Fixtures.newMeterId("X")));
        assertEquals(400, a.status());
        assertEquals("creditCode", a.json().getString("field"));
        assertTrue(a.json().getString("error").contains("check character"), a.body());
    }

    @Test
    void badFields_are400NamingTheField() {
        String code = Fixtures.newCreditCode();
        assertField(code, Fixtures.enterprise("999999", "OPERATING", 100), "district");
        assertField(code, Fixtures.enterprise("12345", "OPERATING", 100), "district");
        assertField(code, Fixtures.enterprise(district, "DANCING", 100), "status");
        assertField(code, Fixtures.enterprise(district, "OPERATING", 100).put("industry", "31"), "industry");
        assertField(code, Fixtures.enterprise(district, "OPERATING", -5), "capacityKva");
        assertField(code, Fixtures.enterprise(district, "OPERATING", 100).put("effectiveFrom", "yesterday"), "effectiveFrom");
    }

    @Test
    void meterOwnedByAnotherEnterprise_is400() {
        String meter = Fixtures.newMeterId("O");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 100, meter));
        Api.Answer a = admin.put("/api/v1/enterprises/" + Fixtures.newCreditCode(), Fixtures.enterprise(district, "OPERATING", 100, meter));
        assertEquals(400, a.status());
        assertEquals("meters", a.json().getString("field"));
    }

    @Test
    void datedChanges_keepHistory_andTheRecordInForceIsShown() {
        String meter = Fixtures.newMeterId("H");
        JsonObject v1 = Fixtures.enterprise(district, "OPERATING", 100, meter).put("effectiveFrom", "2025-01-01T00:00:00+08:00");
        String code = Fixtures.putEnterprise(admin, v1);
        JsonObject v2 = v1.copy().put("status", "CLOSED").put("effectiveFrom", "2025-06-01T00:00:00+08:00");
        assertEquals(200, admin.put("/api/v1/enterprises/" + code, v2).status());
        JsonObject future = v1.copy().put("status", "OPERATING").put("capacityKva", 999).put("effectiveFrom", "2099-01-01T00:00:00+08:00");
        assertEquals(200, admin.put("/api/v1/enterprises/" + code, future).status());
        JsonObject got = admin.get("/api/v1/enterprises/" + code).json();
        assertEquals("CLOSED", got.getString("status"));
        assertEquals(100.0, got.getDouble("capacityKva"));
        JsonArray history = got.getJsonArray("history");
        assertEquals(3, history.size());
        assertEquals("OPERATING", history.getJsonObject(0).getString("status"));
        assertEquals("CLOSED", history.getJsonObject(1).getString("status"));
    }

    @Test
    void bulkCsvImport_keepsGoodRowsAndNamesBadOnes() {
        String good1 = Fixtures.newCreditCode(), good2 = Fixtures.newCreditCode();
        String csv = "creditCode,name,industry,status,capacityKva,meters,equipment,effectiveFrom\n"
                + good1 + ",甲铸造厂,3391,OPERATING,800," + Fixtures.newMeterId("BK") + ":40,INDUCTION_FURNACE:500:licensed,\n"
                + "91350100M000100Y44,坏代码,3311,OPERATING,100,,,\n"
                + good2 + ",乙仓库,5990,CLOSED,200," + Fixtures.newMeterId("BK") + ",,2025-03-01T00:00:00+08:00\n";
        Api.Answer a = admin.post("/api/v1/districts/" + district + "/enterprises", "text/csv", csv);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.json().getInteger("imported"));
        assertEquals(1, a.json().getJsonArray("rejected").getJsonObject(0).getInteger("row"));
        JsonObject foundry = admin.get("/api/v1/enterprises/" + good1).json();
        assertEquals(40.0, foundry.getJsonArray("meters").getJsonObject(0).getDouble("multiplier"));
        assertTrue(foundry.getJsonArray("equipment").getJsonObject(0).getBoolean("licensed"));
        assertEquals("CLOSED", admin.get("/api/v1/enterprises/" + good2).json().getString("status"));
    }

    @Test
    void everyAdminAction_isAudited() throws Exception {
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 100));
        try (var c = TestService.get().database().connection();
             var ps = c.prepareStatement("SELECT actor, at FROM audit_log WHERE action = 'PUT_ENTERPRISE' AND subject = ?")) {
            ps.setString(1, code);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("admin:"), rs.getString(1));
            }
        }
    }

    private static void assertField(String code, JsonObject body, String field) {
        Api.Answer a = admin.put("/api/v1/enterprises/" + code, body);
        assertEquals(400, a.status(), a.body());
        assertEquals(field, a.json().getString("field"), a.body());
    }
}
