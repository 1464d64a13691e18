package org.furnacewatch.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.registry.CreditCode;

import java.util.concurrent.atomic.AtomicLong;

/** Registry fixtures: districts and enterprises with valid credit codes and unique meter ids. */
public final class Fixtures {
    private static final AtomicLong seq = new AtomicLong(System.nanoTime() % 1_000_000);

    private Fixtures() {}

    public static String newCreditCode() {
        String body = String.format("91500102MA%07d", seq.incrementAndGet() % 10_000_000);
        return CreditCode.withCheck(body);
    }

    public static String newMeterId(String prefix) {
        return prefix + "-" + seq.incrementAndGet();
    }

    public static void district(Api admin, String code, String name) {
        Api.Answer a = admin.put("/api/v1/districts/" + code, new JsonObject().put("name", name).put("parent", "500000")
                .put("receivers", new JsonArray()));
        if (a.status() != 200) throw new IllegalStateException("district: " + a.status() + " " + a.body());
    }

    public static JsonObject enterprise(String district, String status, double capacityKva, String... meters) {
        JsonArray ms = new JsonArray();
        for (String m : meters) ms.add(new JsonObject().put("id", m).put("multiplier", 1));
        return new JsonObject().put("name", "测试企业").put("district", district).put("industry", "3311")
                .put("status", status).put("capacityKva", capacityKva).put("equipment", new JsonArray()).put("meters", ms);
    }

    public static String putEnterprise(Api admin, JsonObject body) {
        String code = newCreditCode();
        Api.Answer a = admin.put("/api/v1/enterprises/" + code, body);
        if (a.status() != 200) throw new IllegalStateException("enterprise: " + a.status() + " " + a.body());
        return code;
    }
}
