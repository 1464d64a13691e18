package org.furnacewatch.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.cases.CaseFile;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.web.Principal;
import org.furnacewatch.web.Role;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The city (or province) view: its districts side by side (open and unacknowledged alerts, overdue cases, closures
 * and capacity exited this year), the overdue list, the yellow and red lists and the annual reports. Only the
 * districts the person's jurisdiction covers are read.
 */
public final class CityPage {
    private final ConsoleRoutes r;

    CityPage(ConsoleRoutes r) {
        this.r = r;
    }

    void mount(Router router) {
        router.get("/city").handler(r.signedIn(Role.DISTRICT, Role.ANALYST, Role.ADMIN)).handler(this::handlePage);
    }

    public record DistrictLine(String code, String name, int open, int unacked, int overdue, int closures, long capacityKva) {}

    public record CaseLine(String id, String enterprise, String enterpriseName, String district, String state, String deadline, String since) {}

    private void handlePage(RoutingContext ctx) {
        Person p = ConsoleRoutes.session(ctx).person();
        Principal who = p.principal();
        r.work(ctx, () -> {
            LocalDate today = r.c.cases().today();
            int year = today.getYear();
            List<DistrictLine> lines = new ArrayList<>();
            List<CaseLine> overdue = new ArrayList<>(), yellow = new ArrayList<>(), red = new ArrayList<>();
            List<District> districts = Views.visibleDistricts(r.c.registry(), who);
            for (District d : districts) {
                int open = 0, unacked = 0, late = 0, closures = 0;
                long capacity = 0;
                for (Alert a : r.c.alerts().find(d.code(), null, null, null, 5000)) {
                    if (a.status().equals("OPEN")) unacked++;
                    if (a.status().equals("OPEN") || a.status().equals("ACKED")) open++;
                }
                for (CaseFile f : r.c.cases().find(List.of(d.code()), null, null)) {
                    if (!who.canSee(f.district)) continue;
                    if (f.overdue(today)) {
                        late++;
                        overdue.add(line(f, d));
                    }
                    if (f.onYellowList()) yellow.add(line(f, d));
                    if (f.onRedList()) {
                        red.add(line(f, d));
                        if (f.redSince().atZone(r.c.zone()).getYear() == year) {
                            closures++;
                            EnterpriseHistory h = r.c.registry().enterprise(f.enterprise);
                            if (h != null) capacity += Math.round(h.latest().capacityKva());
                        }
                    }
                }
                lines.add(new DistrictLine(d.code(), d.name(), open, unacked, late, closures, capacity));
            }
            String scope = p.role() == Role.DISTRICT ? p.jurisdiction() : "";
            return ConsoleRoutes.params("frame", ConsoleRoutes.frame(ctx, "全市概览", "city"), "lines", lines, "overdue", overdue,
                    "yellow", yellow, "red", red, "year", year, "scope", scope, "scopeIsDistrict", p.role() == Role.DISTRICT && !p.cityOffice());
        }, m -> Pages.send(ctx, 200, "city.jte", m));
    }

    private CaseLine line(CaseFile f, District d) {
        return new CaseLine(f.id, f.enterprise, f.enterpriseName, d.name(), f.state().zh,
                f.currentDeadline() == null ? "—" : f.currentDeadline().toString(),
                Views.time(f.onRedList() ? f.redSince() : f.yellowSince(), r.c.zone()));
    }
}
