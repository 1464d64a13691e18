package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.Fixtures;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cases through HTTP: open, act, and the readings that make a real alert (as in alert.DetectionFixtures). */
final class CaseFixtures {
    private CaseFixtures() {}

    static String enterprise(Api admin, String district, String status, String... meters) {
        JsonObject e = Fixtures.enterprise(district, status, 800, meters).put("name", "测试铸造有限公司")
                .put("effectiveFrom", "2025-01-01T00:00:00+08:00")
                .put("equipment", new JsonArray().add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", 500).put("licensed", false)));
        return Fixtures.putEnterprise(admin, e);
    }

    static JsonObject open(Api api, String enterprise, String source, String dimension, boolean ditiaogang, String at) {
        JsonObject body = new JsonObject().put("enterprise", enterprise).put("source", source).put("dimension", dimension).put("at", at);
        if (ditiaogang) body.put("ditiaogang", true);
        Api.Answer a = api.post("/api/v1/cases", body);
        assertEquals(201, a.status(), a.body());
        return a.json();
    }

    static Api.Answer act(Api api, String caseId, String action, String at, JsonObject extra) {
        JsonObject body = (extra == null ? new JsonObject() : extra.copy()).put("action", action).put("at", at);
        return api.post("/api/v1/cases/" + caseId + "/actions", body);
    }

    static JsonObject ok(Api api, String caseId, String action, String at, JsonObject extra) {
        Api.Answer a = act(api, caseId, action, at, extra);
        assertEquals(200, a.status(), action + ": " + a.body());
        return a.json();
    }

    static JsonObject ok(Api api, String caseId, String action, String at) {
        return ok(api, caseId, action, at, null);
    }

    /** Asserts a 409 naming {@code rule}; returns the message. */
    static String refused(Api api, String caseId, String action, String at, JsonObject extra, String rule) {
        Api.Answer a = act(api, caseId, action, at, extra);
        assertEquals(409, a.status(), action + ": " + a.body());
        assertEquals(rule, a.json().getString("rule"), a.body());
        String msg = a.json().getString("error");
        org.junit.jupiter.api.Assertions.assertTrue(msg.startsWith(rule + ": "), msg);
        org.junit.jupiter.api.Assertions.assertTrue(msg.contains("DOMAIN.md"), msg);
        return msg;
    }

    /** An opened, verified and confirmed case. */
    static String confirmed(Api api, String enterprise, String dimension, boolean ditiaogang, String day) {
        String id = open(api, enterprise, "INSPECTION", dimension, ditiaogang, day + "T09:00:00+08:00").getString("id");
        ok(api, id, "VERIFY", day + "T10:00:00+08:00", new JsonObject().put("note", "现场核查"));
        ok(api, id, "CONFIRM_VIOLATION", day + "T11:00:00+08:00", ditiaogang ? new JsonObject().put("ditiaogang", true) : null);
        return id;
    }

    static void post(Api api, String meter, OffsetDateTime start, int count, IntToDoubleFunction kwh) {
        Resurgence.readings(api, meter, start, count, kwh);
    }

    static void awaitDetection(Api admin) {
        Resurgence.awaitDetection(admin);
    }

    static OffsetDateTime at(String localDateTime) {
        return Resurgence.at(localDateTime);
    }

    static String t(String local) {
        return local + ":00+08:00";
    }
}
