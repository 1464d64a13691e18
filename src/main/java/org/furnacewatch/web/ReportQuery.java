package org.furnacewatch.web;

import io.vertx.ext.web.RoutingContext;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.registry.District;

import java.util.List;

/** What every report endpoint takes: {@code format=json|csv|html}, {@code year}, and a {@code district} or {@code city}. */
record ReportQuery(String format, int year, String district, String city) {

    /** The query of this request, or null after answering 400 with the field named. */
    static ReportQuery parse(RoutingContext ctx, CaseService cases) {
        var q = ctx.queryParams();
        String format = q.get("format") == null ? "json" : q.get("format");
        if (!List.of("json", "csv", "html").contains(format)) {
            Http.error(ctx, 400, "format", "format 须为 json、csv 或 html");
            return null;
        }
        int year;
        try {
            year = q.get("year") == null ? cases.today().getYear() : Integer.parseInt(q.get("year"));
            if (year < 1 || year > 9999) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            Http.error(ctx, 400, "year", "year 须为年份");
            return null;
        }
        return new ReportQuery(format, year, q.get("district"), q.get("city"));
    }

    /** The districts the report covers that {@code who} may see (blocking: reads the registry). */
    List<String> districts(CaseService cases, Principal who) {
        for (String c : new String[] {district, city}) {
            if (c != null && cases.registry().district(c) == null) throw new CaseService.NotFound("区县不存在 (no such district)");
        }
        List<String> scope = CaseRoutes.scope(cases, who, district, city);
        return scope != null ? scope : cases.registry().districts().stream().map(District::code).toList();
    }

    /** The code the report is headed with: the city, else the district, else a district caller's own; null for all. */
    String scopeCode(Principal who) {
        return city != null ? city : district != null ? district : who.role() == Role.DISTRICT ? who.district() : null;
    }
}
