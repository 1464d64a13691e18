package org.furnacewatch.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Registry#ownerAt} caches its answer per meter; a dated change must be seen at once, before and after it. */
class OwnerCacheTest {
  private static long at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toEpochSecond();
  }

  @Test
  void datedCapacityChange_afterACachedLookup_isSeen() {
    Api admin = TestService.admin();
    Registry registry = TestService.get().registry();
    String district = TestService.newDistrictCode();
    Fixtures.district(admin, district, "缓存测试区");
    String meter = Fixtures.newMeterId("OC");
    JsonObject v1 = Fixtures.enterprise(district, "OPERATING", 100, meter).put("effectiveFrom", "2025-01-01T00:00:00+08:00");
    String code = Fixtures.putEnterprise(admin, v1);
    MeterInfo m = registry.meter(meter);
    long august = at("2025-08-01T00:00:00+08:00");
    assertEquals(100, registry.ownerAt(m, august).capacityKva());
    assertEquals(100, registry.ownerAt(m, august).capacityKva(), "cached");

    assertEquals(200, admin.put("/api/v1/enterprises/" + code, v1.copy().put("capacityKva", 400)
        .put("effectiveFrom", "2025-06-01T00:00:00+08:00")).status());
    assertEquals(400, registry.ownerAt(m, august).capacityKva(), "the new version from June");
    assertEquals(100, registry.ownerAt(m, at("2025-03-01T00:00:00+08:00")).capacityKva(), "the old one before it");
  }

  @Test
  void meterMovedToAnotherEnterprise_afterACachedLookup_belongsToEachInTurn() {
    Api admin = TestService.admin();
    Registry registry = TestService.get().registry();
    String district = TestService.newDistrictCode();
    Fixtures.district(admin, district, "缓存测试区");
    String meter = Fixtures.newMeterId("OC");
    JsonObject a = Fixtures.enterprise(district, "OPERATING", 100, meter).put("effectiveFrom", "2025-01-01T00:00:00+08:00");
    String first = Fixtures.putEnterprise(admin, a);
    MeterInfo m = registry.meter(meter);
    long july = at("2025-07-01T00:00:00+08:00");
    assertEquals(first, registry.ownerAt(m, july).creditCode());

    assertEquals(200, admin.put("/api/v1/enterprises/" + first, a.copy().put("meters", new JsonArray())
        .put("effectiveFrom", "2025-06-01T00:00:00+08:00")).status());
    assertEquals(null, registry.ownerAt(registry.meter(meter), july), "no owner once it left");
    String second = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 300, meter)
        .put("effectiveFrom", "2025-06-01T00:00:00+08:00"));
    m = registry.meter(meter);
    assertEquals(second, registry.ownerAt(m, july).creditCode());
    assertEquals(first, registry.ownerAt(m, at("2025-03-01T00:00:00+08:00")).creditCode());
  }
}
