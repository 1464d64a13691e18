package org.furnacewatch.cases;

import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Registry;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annual summary the notices require (DOMAIN.md “Reporting”: Fuling, departments by 31 December, district to city
 * by 10 January; Guangdong, the annual summary of closed enterprises, equipment and capacity by 15 January): per
 * district, and for a city its districts and their total.
 */
public final class Reports {
    private final Registry registry;
    private final Documents documents;
    private final ZoneId zone;

    public Reports(Registry registry, Documents documents, ZoneId zone) {
        this.registry = registry;
        this.documents = documents;
        this.zone = zone;
    }

    /** One district's year (or the total). */
    public record Line(String district, String name, int casesOpened, int ditiaogangCases, int confirmed, int dismissed,
                       int closedCases, int enterprisesClosed, int equipmentDismantled, int equipmentSealed,
                       double capacityExitedKva, double ratedKwExited, int yellow, int red, int overdue) {}

    public List<Line> annual(List<String> districts, List<CaseFile> cases, int year, LocalDate today) {
        Map<String, List<CaseFile>> byDistrict = new LinkedHashMap<>();
        for (String d : districts) byDistrict.put(d, new ArrayList<>());
        for (CaseFile f : cases) if (byDistrict.containsKey(f.district)) byDistrict.get(f.district).add(f);
        List<Line> out = new ArrayList<>();
        for (var e : byDistrict.entrySet()) out.add(line(e.getKey(), documents.districtName(e.getKey()), e.getValue(), year, today));
        if (out.size() > 1) out.add(total(out));
        return out;
    }

    private Line line(String district, String name, List<CaseFile> cases, int year, LocalDate today) {
        int opened = 0, dtg = 0, confirmed = 0, dismissed = 0, closed = 0, dismantled = 0, sealed = 0, yellow = 0, red = 0, overdue = 0;
        double kva = 0, kw = 0;
        Set<String> closedEnterprises = new HashSet<>();
        for (CaseFile f : cases) {
            if (inYear(f.openedAt(), year)) {
                opened++;
                if (f.ditiaogang()) dtg++;
            }
            if (f.onYellowList()) yellow++;
            if (f.overdue(today)) overdue++;
            for (CaseEvent e : f.history()) {
                if (!inYear(e.at(), year)) continue;
                switch (e.action()) {
                    case CONFIRM_VIOLATION -> confirmed++;
                    case DISMISS -> dismissed++;
                    case CLOSE_CASE -> closed++;
                    case DISMANTLE_ITEM -> { if (!e.flag("notPresent")) dismantled++; }
                    case SEAL_EQUIPMENT -> sealed++;
                    case ORDER_SHUTDOWN, CLOSE_IMMEDIATELY -> {
                        red++;
                        if (closedEnterprises.add(f.enterprise)) {
                            EnterpriseHistory h = registry.enterprise(f.enterprise);
                            EnterpriseRecord r = h.at(e.at().getEpochSecond());
                            kva += r.capacityKva();
                            kw += Documents.ratedKw(r);
                        }
                    }
                    default -> { }
                }
            }
        }
        return new Line(district, name, opened, dtg, confirmed, dismissed, closed, closedEnterprises.size(), dismantled, sealed,
                kva, kw, yellow, red, overdue);
    }

    private static Line total(List<Line> lines) {
        int[] n = new int[12];
        double kva = 0, kw = 0;
        for (Line l : lines) {
            int[] v = {l.casesOpened(), l.ditiaogangCases(), l.confirmed(), l.dismissed(), l.closedCases(), l.enterprisesClosed(),
                    l.equipmentDismantled(), l.equipmentSealed(), l.yellow(), l.red(), l.overdue()};
            for (int i = 0; i < v.length; i++) n[i] += v[i];
            kva += l.capacityExitedKva();
            kw += l.ratedKwExited();
        }
        return new Line("", "合计", n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], kva, kw, n[8], n[9], n[10]);
    }

    private boolean inYear(java.time.Instant t, int year) {
        return t != null && t.atZone(zone).getYear() == year;
    }

    public Sheet sheet(List<Line> lines, int year, String scopeName, String issuer, LocalDate today) {
        List<String> cols = List.of("区县代码", "区县", "立案数", "其中地条钢", "认定违规", "排除", "结案", "关停退出企业数", "拆除设备（项）",
                "封存设备（次）", "退出产能(kVA)", "退出设备额定功率(kW)", "黄牌", "红牌", "逾期案件");
        List<List<String>> rows = new ArrayList<>();
        for (Line l : lines) {
            rows.add(List.of(l.district(), l.name(), n(l.casesOpened()), n(l.ditiaogangCases()), n(l.confirmed()), n(l.dismissed()),
                    n(l.closedCases()), n(l.enterprisesClosed()), n(l.equipmentDismantled()), n(l.equipmentSealed()),
                    Documents.fmt(l.capacityExitedKva()), Documents.fmt(l.ratedKwExited()), n(l.yellow()), n(l.red()), n(l.overdue())));
        }
        return new Sheet(scopeName + year + "年度落后产能退出工作总结（案件与关停退出情况）", null, issuer, today.toString(),
                null, List.of("按照年度总结报送要求（区级部门12月31日前、区县1月10日前报市；广东省1月15日前报送年度总结），现报送"
                        + year + "年度利用综合标准依法依规推动落后产能退出及严防“地条钢”死灰复燃工作情况。逾期案件为截至报送日仍逾期者。"),
                cols, rows);
    }

    private static String n(int v) {
        return String.valueOf(v);
    }
}
