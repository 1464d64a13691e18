package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.registry.CustomerFile;
import org.furnacewatch.registry.CustomerFileRepository;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enterprises related to one: the same legal representative (法定代表人) or the same site, ever; each with its status
 * now (a closure shows), the link, and only those the caller may see.
 */
public final class Related {
    private final CustomerFile file;

    Related(CustomerFile file, ZoneId zone) {
        this.file = file;
    }

    /** The id of the known site at this address (normalised as the customer file does), or null. */
    public Long siteOf(String district, String address) {
        return file.siteIdOf(district, address);
    }

    public JsonArray of(String creditCode, long now, Principal who) {
        Map<String, String> via = new LinkedHashMap<>();
        for (CustomerFileRepository.SiteLink l : file.links(creditCode)) {
            if (l.siteId() != 0) for (String other : file.enterprisesAt(l.siteId())) via.putIfAbsent(other, "SAME_SITE");
            if (l.legalRepresentative() != null) {
                for (String other : file.enterprisesRepresentedBy(l.legalRepresentative())) via.merge(other, "SAME_LEGAL_REPRESENTATIVE", (a, b) -> a + "," + b);
            }
        }
        via.remove(creditCode);
        JsonArray out = new JsonArray();
        via.forEach((code, how) -> {
            EnterpriseHistory h = file.registry().enterprise(code);
            if (h == null) return;
            EnterpriseRecord v = h.at(now);
            if (who != null && !who.canSee(v.district())) return;
            out.add(new JsonObject().put("enterprise", code).put("name", v.name()).put("district", v.district())
                    .put("status", v.status().name()).put("via", new JsonArray(java.util.List.of(how.split(",")))));
        });
        return out;
    }
}
