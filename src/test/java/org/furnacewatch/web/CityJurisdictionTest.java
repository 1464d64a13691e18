package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token bound to a city (成都市 510100) sees everything in its districts (锦江区 510104, 青羊区 510105) on every
 * endpoint, and nothing of the neighbouring city's district (自贡市自流井区 510302): 404, never data.
 *
 * <p>Endpoints checked, each for a mine and a neighbour's subject:
 * GET /alerts, GET /alerts?district=, GET /alerts/{id}, POST /alerts/{id}/ack, GET /alerts/{id}/evidence-link,
 * GET /alerts/{id}/label, GET /enterprises, GET /enterprises?district=, GET /enterprises/{code},
 * GET /enterprises/{code}/readings, GET /enterprises/{code}/related, GET /districts, POST /cases, GET /cases,
 * GET /cases?district=, GET /cases/{id}, GET /lists/red, GET /power-accounts, GET /power-accounts/{account},
 * GET /sites, GET /sites/{id}.
 */
class CityJurisdictionTest {
    private static Api admin;
    private static Api city;
    private static Resurgence.Site jinjiang, qingyang, ziliujing;
    private static String alertJ, alertQ, alertZ;
    private static String accountJ, accountZ;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        put("510104", "锦江区", "510100");
        put("510105", "青羊区", "510100");
        put("510302", "自流井区", "510300");
        var start = Resurgence.at("2026-04-01T00:00");
        jinjiang = Resurgence.post(admin, "510104", "CLOSED", start);
        qingyang = Resurgence.post(admin, "510105", "BANNED", start);
        ziliujing = Resurgence.post(admin, "510302", "CLOSED", start);
        alertJ = Resurgence.alert(admin, jinjiang).getString("id");
        alertQ = Resurgence.alert(admin, qingyang).getString("id");
        alertZ = Resurgence.alert(admin, ziliujing).getString("id");
        accountJ = "CJ" + System.nanoTime();
        accountZ = "CZ" + System.nanoTime();
        JsonArray file = new JsonArray()
                .add(new JsonObject().put("account", accountJ).put("address", "锦江区红星路1号").put("district", "510104"))
                .add(new JsonObject().put("account", accountZ).put("address", "自流井区五星街1号").put("district", "510302"));
        assertEquals(200, admin.post("/api/v1/power-accounts", "application/json", file.encode()).status());
        city = admin.as(admin.token("district", "510100"));
    }

    private static void put(String code, String name, String parent) {
        Api.Answer a = admin.put("/api/v1/districts/" + code, new JsonObject().put("name", name).put("parent", parent).put("receivers", new JsonArray()));
        assertEquals(200, a.status(), a.body());
    }

    @Test
    void cityToken_seesAllItsDistrictsAlerts_andNoneOfTheNeighbouringCitys() {
        Set<String> ids = ids(city.get("/api/v1/alerts").array(), "id");
        assertTrue(ids.contains(alertJ) && ids.contains(alertQ), ids.toString());
        assertFalse(ids.contains(alertZ), ids.toString());
        assertEquals(Set.of(alertJ), ids(city.get("/api/v1/alerts?district=510104").array(), "id"));
        assertEquals(404, city.get("/api/v1/alerts?district=510302").status());
        assertEquals(404, city.get("/api/v1/alerts?district=510300").status());
        for (String mine : new String[] {alertJ, alertQ}) {
            assertEquals(200, city.get("/api/v1/alerts/" + mine).status());
            assertEquals(200, city.get("/api/v1/alerts/" + mine + "/evidence-link").status());
        }
        assertEquals(404, city.get("/api/v1/alerts/" + alertZ).status());
        assertEquals(404, city.get("/api/v1/alerts/" + alertZ + "/evidence-link").status());
        assertEquals(404, city.get("/api/v1/alerts/" + alertZ + "/label").status());
        assertEquals(404, city.post("/api/v1/alerts/" + alertZ + "/ack", new JsonObject().put("by", "市局")).status());
        assertEquals(200, city.post("/api/v1/alerts/" + alertJ + "/ack", new JsonObject().put("by", "市局")).status());
    }

    @Test
    void cityToken_seesItsDistrictsEnterprisesReadingsAndDistricts_only() {
        Set<String> codes = ids(city.get("/api/v1/enterprises").array(), "creditCode");
        assertTrue(codes.contains(jinjiang.creditCode()) && codes.contains(qingyang.creditCode()), codes.toString());
        assertFalse(codes.contains(ziliujing.creditCode()));
        assertEquals(404, city.get("/api/v1/enterprises?district=510302").status());
        assertEquals(200, city.get("/api/v1/enterprises/" + qingyang.creditCode()).status());
        assertEquals(404, city.get("/api/v1/enterprises/" + ziliujing.creditCode()).status());
        String range = "/readings?from=2026-04-01T00:00:00%2B08:00&to=2026-04-04T00:00:00%2B08:00&step=P1D";
        assertEquals(200, city.get("/api/v1/enterprises/" + jinjiang.creditCode() + range).status());
        assertEquals(404, city.get("/api/v1/enterprises/" + ziliujing.creditCode() + range).status());
        assertEquals(200, city.get("/api/v1/enterprises/" + jinjiang.creditCode() + "/related").status());
        assertEquals(404, city.get("/api/v1/enterprises/" + ziliujing.creditCode() + "/related").status());
        Set<String> districts = ids(city.get("/api/v1/districts").array(), "code");
        assertTrue(districts.containsAll(Set.of("510104", "510105")), districts.toString());
        assertFalse(districts.contains("510302"));
    }

    @Test
    void cityToken_worksCasesOfItsDistricts_only() {
        Api.Answer open = city.post("/api/v1/cases", new JsonObject().put("enterprise", qingyang.creditCode()).put("source", "ALERT")
                .put("alertId", alertQ).put("dimension", "TECHNOLOGY"));
        assertEquals(201, open.status(), open.body());
        String caseId = open.json().getString("id");
        assertEquals(404, city.post("/api/v1/cases", new JsonObject().put("enterprise", ziliujing.creditCode()).put("source", "TIP_OFF")
                .put("dimension", "TECHNOLOGY")).status());
        assertTrue(ids(city.get("/api/v1/cases").array(), "id").contains(caseId));
        assertEquals(404, city.get("/api/v1/cases?district=510302").status());
        JsonObject got = city.get("/api/v1/cases/" + caseId).json();
        assertTrue(got.containsKey("related"), got.encode());
        assertEquals(200, city.get("/api/v1/lists/red").status());
    }

    @Test
    void cityToken_seesItsDistrictsAccountsAndSites_only() {
        Set<String> accounts = ids(city.get("/api/v1/power-accounts?limit=10000").array(), "account");
        assertTrue(accounts.contains(accountJ));
        assertFalse(accounts.contains(accountZ));
        assertEquals(200, city.get("/api/v1/power-accounts/" + accountJ).status());
        assertEquals(404, city.get("/api/v1/power-accounts/" + accountZ).status());
        long siteZ = admin.get("/api/v1/power-accounts/" + accountZ).json().getLong("site");
        long siteJ = admin.get("/api/v1/power-accounts/" + accountJ).json().getLong("site");
        assertEquals(404, city.get("/api/v1/sites/" + siteZ).status());
        assertEquals(200, city.get("/api/v1/sites/" + siteJ).status());
        for (Object o : city.get("/api/v1/sites?limit=10000").array()) {
            assertTrue(((JsonObject) o).getString("district").startsWith("5101"), o.toString());
        }
        // the contract's district behaviour is unchanged: a district token sees its own district only
        Api qy = admin.as(admin.token("district", "510105"));
        assertEquals(404, qy.get("/api/v1/alerts/" + alertJ).status());
        assertEquals(Set.of(alertQ), ids(qy.get("/api/v1/alerts").array(), "id"));
    }

    private static Set<String> ids(JsonArray list, String field) {
        Set<String> out = new HashSet<>();
        for (Object o : list) out.add(String.valueOf(((JsonObject) o).getValue(field)));
        return out;
    }
}
