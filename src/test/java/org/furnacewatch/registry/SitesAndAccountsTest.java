package org.furnacewatch.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 over real HTTP: the customer file, sites, closures that bind the site, unregistered meters kept and judged
 * once registered, and overload kept as evidence.
 */
class SitesAndAccountsTest {
    private static Api admin;
    private static Api feed;
    private static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        feed = admin.as(admin.token("feed", null));
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "站点测试区");
    }

    @Test
    void bannedSiteReopenedUnderANewNameAndANewAccount_raisesResurgenceWithinAnHour() {
        OffsetDateTime start = Resurgence.at("2026-06-01T00:00");
        // 2016: the works at 工业园路18号 is banned (取缔) and its meter sealed
        JsonObject banned = Fixtures.enterprise(district, "BANNED", 800, Fixtures.newMeterId("OLD")).put("name", "渝东地条钢厂")
                .put("address", "重庆市站点测试区李渡街道 工业园路18号").put("legalRepresentative", "张三")
                .put("effectiveFrom", start.minusMonths(6).toString());
        String old = Fixtures.putEnterprise(admin, banned);
        // the power company opens a new account (户号) there for a "new" company: another name, the address written otherwise
        String meter = Fixtures.newMeterId("NEW");
        String account = "51" + System.nanoTime() % 100_000_000L;
        JsonArray file = new JsonArray().add(new JsonObject().put("account", account).put("name", "渝新五金加工部")
                .put("address", "站点测试区李渡街道工业园路１８号").put("district", district).put("category", "一般工商业")
                .put("capacityKva", 800).put("transformer", "李渡3号台区").put("openedOn", start.minusDays(10).toLocalDate().toString())
                .put("meters", new JsonArray().add(new JsonObject().put("id", meter).put("point", "计量点1").put("multiplier", 1))));
        Api.Answer load = feed.post("/api/v1/power-accounts", "application/json", file.encode());
        assertEquals(200, load.status(), load.body());
        assertEquals(1, load.json().getInteger("created"), load.body());
        JsonObject acct = admin.get("/api/v1/power-accounts/" + account).json();
        JsonObject site = admin.get("/api/v1/sites/" + acct.getLong("site")).json();
        assertEquals("BANNED", site.getJsonObject("closure").getString("status"), site.encode());
        assertEquals(old, site.getJsonObject("closure").getString("enterprise"));

        // two quiet days, then 600 kW from 2026-06-03 01:00 (the onset)
        Resurgence.readings(feed, meter, start, 2 * 96 + 4, i -> 1.0);
        Resurgence.readings(feed, meter, start.plusDays(2).plusHours(1), 32, i -> 150.0);
        Resurgence.awaitDetection(admin);
        JsonArray alerts = admin.get("/api/v1/alerts?district=" + district + "&kind=RESURGENCE").array();
        JsonObject alert = null;
        for (Object o : alerts) if (((JsonObject) o).getJsonObject("evidence").containsKey("account")
                && account.equals(((JsonObject) o).getJsonObject("evidence").getJsonObject("account").getString("account"))) alert = (JsonObject) o;
        assertNotNull(alert, "a RESURGENCE alert for the new account: " + alerts.encode());
        OffsetDateTime onset = start.plusDays(2).plusHours(1);
        OffsetDateTime detected = OffsetDateTime.parse(alert.getJsonObject("evidence").getString("detectedTs"));
        assertTrue(!detected.isAfter(onset.plusHours(1)), "raised within an hour of event time: " + alert.encode());
        assertEquals(district, alert.getString("district"));
        assertEquals(old, alert.getString("enterprise"), "named after the enterprise whose ban binds the site");
        assertEquals("BANNED", alert.getJsonObject("evidence").getJsonObject("siteClosure").getString("status"));
        assertEquals("渝新五金加工部", alert.getJsonObject("evidence").getJsonObject("account").getString("name"));
    }

    @Test
    void aRegisteredEnterpriseUnderANewName_atAClosedSite_isResurgence_andTheTwoAreRelated() {
        OffsetDateTime start = Resurgence.at("2026-05-01T00:00");
        String old = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "SEALED", 800, Fixtures.newMeterId("S1"))
                .put("name", "老厂").put("address", "站点测试区龙桥路2号").put("legalRepresentative", "李四")
                .put("effectiveFrom", start.minusMonths(3).toString()));
        String meter = Fixtures.newMeterId("S2");
        String fresh = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 800, meter).put("name", "新厂")
                .put("address", "重庆市站点测试区龙桥路2号").put("effectiveFrom", start.minusMonths(1).toString()));
        Resurgence.readings(feed, meter, start, 2 * 96 + 4, i -> 1.0);
        Resurgence.readings(feed, meter, start.plusDays(2).plusHours(1), 32, i -> 150.0);
        Resurgence.awaitDetection(admin);
        JsonArray alerts = admin.get("/api/v1/alerts?enterprise=" + fresh).array();
        assertEquals(1, alerts.size(), alerts.encode());
        JsonObject alert = alerts.getJsonObject(0);
        assertEquals("RESURGENCE", alert.getString("kind"));
        assertEquals(old, alert.getJsonObject("evidence").getJsonObject("siteClosure").getString("enterprise"));
        JsonArray related = alert.getJsonArray("related");
        assertEquals(old, related.getJsonObject(0).getString("enterprise"), related.encode());
        assertEquals("SEALED", related.getJsonObject(0).getString("status"));
        assertTrue(related.getJsonObject(0).getJsonArray("via").contains("SAME_SITE"));
    }

    @Test
    void aBanDatedMidDay_darkensTheSitesOtherOccupantFromItsOwnTime_notFromTheNextMidnight() {
        OffsetDateTime start = Resurgence.at("2026-04-01T00:00");
        String address = "站点测试区滨江路" + System.nanoTime() % 1000 + "号";
        JsonObject a = Fixtures.enterprise(district, "OPERATING", 800, Fixtures.newMeterId("A")).put("name", "甲厂")
                .put("address", address).put("effectiveFrom", start.minusMonths(2).toString());
        String first = Fixtures.putEnterprise(admin, a);
        String meter = Fixtures.newMeterId("B");
        String second = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 800, meter).put("name", "乙厂")
                .put("address", address).put("effectiveFrom", start.minusMonths(1).toString()));
        // 甲厂 is banned at 08:30 on the second day; 乙厂 at the same address draws 600 kW from 15:00, after the
        // closure's six hours of wind-down and before the next midnight (when a cached context would be asked again)
        assertEquals(200, admin.put("/api/v1/enterprises/" + first, a.copy().put("status", "BANNED")
                .put("effectiveFrom", start.plusDays(1).plusHours(8).plusMinutes(30).toString())).status());
        OffsetDateTime onset = start.plusDays(1).plusHours(15);
        Resurgence.readings(feed, meter, start, 96 + 60, i -> 1.0);
        Resurgence.readings(feed, meter, onset, 32, i -> 150.0);
        Resurgence.awaitDetection(admin);
        JsonArray alerts = admin.get("/api/v1/alerts?enterprise=" + second + "&kind=RESURGENCE").array();
        assertEquals(1, alerts.size(), alerts.encode());
        OffsetDateTime detected = OffsetDateTime.parse(alerts.getJsonObject(0).getJsonObject("evidence").getString("detectedTs"));
        assertTrue(!detected.isAfter(onset.plusHours(1)), "within an hour of the onset: " + detected);
    }

    @Test
    void bulkImportedEnterprises_withAddressAndLegalRepresentative_areRelated() {
        String a = Fixtures.newCreditCode(), b = Fixtures.newCreditCode(), c = Fixtures.newCreditCode();
        String csv = "creditCode,name,industry,status,capacityKva,meters,equipment,address,legalRepresentative\n"
                + a + ",甲公司,3311,CLOSED,500,,,站点测试区机场路3号,王五\n"
                + b + ",乙公司,3311,OPERATING,500,,,重庆市站点测试区机场路３号,赵六\n"
                + c + ",丙公司,3311,OPERATING,500,,,站点测试区别处1号,王五\n";
        Api.Answer imported = admin.post("/api/v1/districts/" + district + "/enterprises", "text/csv", csv);
        assertEquals(3, imported.json().getInteger("imported"), imported.body());
        JsonArray related = admin.get("/api/v1/enterprises/" + a + "/related").array();
        assertEquals(2, related.size(), related.encode());
        for (Object o : related) {
            JsonObject r = (JsonObject) o;
            assertEquals(r.getString("enterprise").equals(b) ? "SAME_SITE" : "SAME_LEGAL_REPRESENTATIVE", r.getJsonArray("via").getString(0), related.encode());
        }
    }

    @Test
    void aTipOffAgainstAKnownSitesAddress_carriesTheSitesRef() {
        String account = "TIP" + System.nanoTime();
        JsonArray file = new JsonArray().add(new JsonObject().put("account", account).put("address", "站点测试区码头路7号")
                .put("district", district));
        assertEquals(200, feed.post("/api/v1/power-accounts", "application/json", file.encode()).status());
        long site = admin.get("/api/v1/power-accounts/" + account).json().getLong("site");
        Api own = admin.as(admin.token("district", district));
        Api.Answer tip = own.post("/api/v1/cases", new JsonObject().put("source", "TIP_OFF").put("channel", "HOTLINE_12345")
                .put("site", new JsonObject().put("address", "重庆市站点测试区 码头路７号").put("district", district))
                .put("reporter", new JsonObject().put("anonymous", true)).put("dimension", "TECHNOLOGY"));
        assertEquals(201, tip.status(), tip.body());
        assertEquals(String.valueOf(site), tip.json().getJsonObject("site").getString("ref"), tip.body());
    }

    @Test
    void unregisteredMeter_readingsAreKept_listed_andJudgedOnceRegistered() {
        OffsetDateTime start = Resurgence.at("2026-07-01T00:00");
        String meter = Fixtures.newMeterId("UNREG");
        StringBuilder body = new StringBuilder("meter,ts,kwh\n");
        for (int i = 0; i < 2 * 96 + 4 + 32; i++) {
            body.append(meter).append(',').append(start.plusMinutes(15L * (i + 1))).append(',').append(i < 2 * 96 + 4 ? 1.0 : 150.0).append('\n');
        }
        Api.Answer a = feed.post("/api/v1/readings", "text/csv", body.toString());
        assertEquals(200, a.status(), a.body());
        assertEquals(228, a.json().getInteger("unregistered"), a.body());
        assertEquals(0, a.json().getInteger("accepted"));
        assertTrue(a.json().getJsonArray("rejected").isEmpty(), a.body());
        JsonObject listed = find(feed.get("/api/v1/readings/unregistered").array(), meter);
        assertEquals(228, listed.getInteger("readings"));
        assertEquals(start.plusMinutes(15).toInstant(), OffsetDateTime.parse(listed.getString("firstTs")).toInstant());
        assertEquals(start.plusMinutes(15L * 228).toInstant(), OffsetDateTime.parse(listed.getString("lastTs")).toInstant());

        // the government registers it: a closed works (the kept readings become judged, and raise RESURGENCE)
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "CLOSED", 800, meter).put("effectiveFrom", start.minusMonths(2).toString()));
        Receiver.await("kept readings promoted", () -> find(feed.get("/api/v1/readings/unregistered").array(), meter) == null);
        Resurgence.awaitDetection(admin);
        JsonArray stored = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-07-01T00:00:00%2B08:00&to=2026-07-04T00:00:00%2B08:00&step=P1D").array();
        double total = 0;
        for (Object o : stored) total += ((JsonObject) o).getDouble("kwh");
        assertEquals(196 + 32 * 150.0, total, 1e-6);
        JsonArray alerts = admin.get("/api/v1/alerts?enterprise=" + code).array();
        assertEquals(1, alerts.size(), alerts.encode());
        assertEquals("RESURGENCE", alerts.getJsonObject(0).getString("kind"));
    }

    @Test
    void unregisteredMeter_listedLaterByTheCustomerFile_isStoredAndWatchedAsItsAccount() {
        OffsetDateTime start = Resurgence.at("2026-09-01T00:00");
        String meter = Fixtures.newMeterId("LATE");
        Resurgence.readings(feed, meter, start, 8, i -> 2.0); // all kept: nobody registered the meter yet
        assertEquals(8, find(feed.get("/api/v1/readings/unregistered").array(), meter).getInteger("readings"));
        String account = "LA" + System.nanoTime();
        JsonArray file = new JsonArray().add(new JsonObject().put("account", account).put("address", "站点测试区仓库路9号")
                .put("district", district).put("capacityKva", 50).put("effectiveFrom", start.minusDays(1).toString())
                .put("meters", new JsonArray().add(new JsonObject().put("id", meter).put("multiplier", 1))));
        assertEquals(200, feed.post("/api/v1/power-accounts", "application/json", file.encode()).status());
        Receiver.await("kept readings promoted", () -> find(feed.get("/api/v1/readings/unregistered").array(), meter) == null);
        // now registered: a re-sent row is a duplicate of the stored one, and an overload at 50 kVA is kept
        Api.Answer again = feed.post("/api/v1/readings", "application/json", new JsonArray()
                .add(row(meter, start.plusMinutes(15), 2.0)).add(row(meter, start.plusMinutes(15L * 9), 40.0)).encode());
        assertEquals(1, again.json().getInteger("duplicates"), again.body());
        assertEquals(1, again.json().getInteger("accepted"), again.body());
        assertEquals(0, again.json().getInteger("unregistered"), again.body());
    }

    @Test
    void overload_isStored_andShownInTheAlertsEvidence() {
        OffsetDateTime start = Resurgence.at("2026-08-01T00:00");
        String meter = Fixtures.newMeterId("OVER");
        // 125 kVA: 125 x 0.25 h x 1.2 = 37.5 kWh a quarter hour is what the contract allows; 200 kWh is an overload
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "CLOSED", 125, meter).put("effectiveFrom", start.minusMonths(2).toString()));
        Resurgence.readings(feed, meter, start, 2 * 96 + 4, i -> 0.5);
        Api.Answer a = feed.post("/api/v1/readings", "application/json", new JsonArray()
                .add(row(meter, start.plusDays(2).plusHours(1).plusMinutes(15), 200))
                .add(row(meter, start.plusDays(2).plusHours(1).plusMinutes(30), 200))
                .add(row(meter, start.plusDays(2).plusHours(1).plusMinutes(45), 200))
                .add(row(meter, start.plusDays(2).plusHours(2), 200))
                .add(row(meter, start.plusDays(2).plusHours(2).plusMinutes(15), 5000)).encode()); // 160 x the rating: a unit error
        assertEquals(200, a.status(), a.body());
        assertEquals(4, a.json().getInteger("accepted"), a.body());
        assertEquals(4, a.json().getJsonArray("rejected").getJsonObject(0).getInteger("row"));
        assertTrue(a.json().getJsonArray("rejected").getJsonObject(0).getString("reason").contains("physically impossible"), a.body());
        Resurgence.readings(feed, meter, start.plusDays(2).plusHours(2).plusMinutes(15), 8, i -> 200.0);
        Resurgence.awaitDetection(admin);
        JsonArray alerts = admin.get("/api/v1/alerts?enterprise=" + code).array();
        assertEquals(1, alerts.size(), alerts.encode());
        JsonObject over = alerts.getJsonObject(0).getJsonObject("evidence").getJsonObject("overCapacity");
        assertNotNull(over, alerts.encode());
        assertEquals("OVER_CAPACITY", over.getString("kind"));
        assertTrue(over.getInteger("intervals") >= 3, over.encode()); // the intervals up to the latest evidence
        assertEquals(200.0, over.getDouble("maxKwh"));
    }

    @Test
    void customerFile_csvAndJson_loadIdempotently_andBadRowsNameTheirField() throws Exception {
        String a1 = "CSV" + System.nanoTime(), a2 = a1 + "B";
        String csv = "account,name,address,district,category,capacityKva,transformer,meter,point,multiplier,openedOn\n"
                + a1 + ",甲\\乙,站点测试区A路1号," + district + ",大工业,630,T1," + a1 + "-M1,P1,40,2025-01-01\n"
                + a1 + ",甲\\乙,站点测试区A路1号," + district + ",大工业,630,T1," + a1 + "-M2,P2,40,2025-01-01\n"
                + a2 + ",乙,站点测试区A路 1号," + district + ",居民,abc,T1," + a2 + "-M1,P1,1,2025-01-01\n";
        JsonObject first = feed.post("/api/v1/power-accounts", "text/csv", csv).json();
        assertEquals(1, first.getInteger("created"), first.encode());
        assertEquals("capacityKva", first.getJsonArray("rejected").getJsonObject(0).getString("field"));
        assertEquals(2, admin.get("/api/v1/power-accounts/" + a1).json().getJsonArray("meters").size());
        assertEquals("甲\\乙", storedName(a1), "a backslash survives COPY");
        JsonObject again = feed.post("/api/v1/power-accounts", "text/csv", csv).json();
        assertEquals(0, again.getInteger("created"));
        assertEquals(1, again.getInteger("unchanged"), again.encode());
        assertEquals(1, admin.get("/api/v1/power-accounts/" + a1).json().getJsonArray("history").size());
        // a district cannot load the file; a bad body is 400
        assertEquals(403, admin.as(admin.token("district", district)).post("/api/v1/power-accounts", "text/csv", csv).status());
        assertEquals(400, feed.post("/api/v1/power-accounts", "application/json", "{\"not\":\"an array\"}").status());
    }

    static String storedName(String account) throws Exception {
        try (var c = TestService.get().database().connection();
             var ps = c.prepareStatement("SELECT name FROM power_account_versions WHERE account_no = ?")) {
            ps.setString(1, account);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static JsonObject row(String meter, OffsetDateTime ts, double kwh) {
        return new JsonObject().put("meter", meter).put("ts", ts.toString()).put("kwh", kwh);
    }

    static JsonObject find(JsonArray list, String meter) {
        for (Object o : list) if (meter.equals(((JsonObject) o).getString("meter"))) return (JsonObject) o;
        return null;
    }
}
