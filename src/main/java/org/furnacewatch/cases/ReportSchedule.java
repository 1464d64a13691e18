package org.furnacewatch.cases;

import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Equipment;
import org.furnacewatch.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reports with due dates, generated on schedule and kept (report_runs, append-only). The dates are the seeds': Fuling
 * (seeds/002) departments' year-end summary by 31 December and the district's to the city by 10 January; Guangdong
 * (seeds/003) enterprise lists on 15 April, 30 June and 30 September and the annual summary by 15 January. Each is
 * generated for every district on its due date (at the first tick of that local day, or later the same month if the
 * service was down), and each due date is chased like a case deadline until its run exists.
 */
public final class ReportSchedule implements DeadlineChaser.Source {
    private static final Logger log = LoggerFactory.getLogger(ReportSchedule.class);

    /** A scheduled report: its due day, and the period it covers for a due date in a given year. */
    public enum Kind {
        DEPARTMENT_YEAR_END("区级部门年度工作总结", MonthDay.of(12, 31), 0),
        DISTRICT_YEAR_END("区县年度工作总结（报市）", MonthDay.of(1, 10), -1),
        GD_LIST_Q1("企业名单（一季度）", MonthDay.of(4, 15), 0),
        GD_LIST_H1("企业名单（上半年）", MonthDay.of(6, 30), 0),
        GD_LIST_Q3("企业名单（前三季度）", MonthDay.of(9, 30), 0),
        GD_ANNUAL("年度总结（关停企业、设备、产能）", MonthDay.of(1, 15), -1);

        public final String zh;
        public final MonthDay due;
        /** The covered year relative to the due date's year (-1: last year's summary due in January). */
        final int yearOffset;

        Kind(String zh, MonthDay due, int yearOffset) {
            this.zh = zh;
            this.due = due;
            this.yearOffset = yearOffset;
        }

        public LocalDate dueIn(int year) {
            return due.atYear(year);
        }

        /** The period a run due in {@code year} covers, e.g. "2026" or "2026-Q1". */
        public String period(int year) {
            int y = year + yearOffset;
            return switch (this) {
                case GD_LIST_Q1 -> y + "-Q1";
                case GD_LIST_H1 -> y + "-H1";
                case GD_LIST_Q3 -> y + "-Q3";
                default -> String.valueOf(y);
            };
        }
    }

    public record Run(long id, String kind, String period, String scope, LocalDate due, Instant generatedAt, String title, int rows) {}

    private final DataSource db;
    private final CaseStore store;
    private final Registry registry;
    private final Reports reports;
    private final Documents documents;
    private final ZoneId zone;

    public ReportSchedule(DataSource db, CaseStore store, Registry registry, Reports reports, Documents documents, ZoneId zone) {
        this.db = db;
        this.store = store;
        this.registry = registry;
        this.reports = reports;
        this.documents = documents;
        this.zone = zone;
    }

    /** Districts reports are made for: every district with a parent (a county under its city). */
    private List<String> districts() {
        return registry.districts().stream().filter(d -> d.parent() != null).map(District::code).sorted().toList();
    }

    /** Due dates in the next 30 days whose run does not exist yet: for the deadline chase. */
    @Override
    public List<DeadlineChaser.Item> items(LocalDate today) throws SQLException {
        List<DeadlineChaser.Item> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int y = today.getYear(); y <= today.getYear() + 1; y++) {
                LocalDate due = k.dueIn(y);
                if (due.isBefore(today.minusDays(10)) || due.isAfter(today.plusDays(30))) continue;
                for (String d : districts()) {
                    if (exists(k, k.period(y), d)) continue;
                    out.add(new DeadlineChaser.Item("REPORT", k.name() + "-" + k.period(y), d, documents.districtName(d) + k.period(y) + k.zh, due));
                }
            }
        }
        return out;
    }

    private LocalDate lastDay;
    private long lastWallNanos;

    /** For the delivery worker's tick: generates what is due when the local day changed or a minute passed. */
    public void tick(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        if (day.equals(lastDay) && System.nanoTime() - lastWallNanos < 60_000_000_000L) return;
        try {
            generateDue(now);
            lastDay = day;
            lastWallNanos = System.nanoTime();
        } catch (SQLException | RuntimeException e) {
            log.warn("scheduled reports failed (will retry): {}", e.toString());
        }
    }

    /** Generates every run due on or before {@code now}'s local date (within the last 31 days) that does not exist. */
    public synchronized int generateDue(Instant now) throws SQLException {
        LocalDate today = now.atZone(zone).toLocalDate();
        int made = 0;
        for (Kind k : Kind.values()) {
            LocalDate due = k.dueIn(today.getYear());
            if (due.isAfter(today) || due.isBefore(today.minusDays(31))) continue;
            String period = k.period(today.getYear());
            for (String d : districts()) {
                if (exists(k, period, d)) continue;
                Sheet s = sheet(k, period, d, due);
                save(k, period, d, due, now, s);
                made++;
                log.info("report {} {} for {} generated ({} rows)", k, period, d, s.rows().size());
            }
        }
        return made;
    }

    /** The sheet of a report kind for a period and a district, from the cases as they stand at the end of the due date. */
    public Sheet sheet(Kind k, String period, String district, LocalDate due) throws SQLException {
        List<CaseFile> cases = store.find(List.of(district), null, null);
        String dn = documents.districtName(district);
        return switch (k) {
            case DEPARTMENT_YEAR_END, DISTRICT_YEAR_END -> {
                int year = Integer.parseInt(period);
                Sheet s = reports.sheet(reports.annual(List.of(district), cases, year, due), year, dn, dn + "人民政府", due);
                yield new Sheet(dn + period + "年" + k.zh, k.name() + "-" + period, s.issuer(), due.toString(),
                        k == Kind.DISTRICT_YEAR_END ? documents.parentName(district) + "经济信息委" : dn + "经济信息委", s.body(), s.columns(), s.rows());
            }
            case GD_ANNUAL -> exited(List.of(district), Integer.parseInt(period), dn, due);
            default -> enterpriseList(k, period, district, dn, cases, due);
        };
    }

    private Sheet enterpriseList(Kind k, String period, String district, String dn, List<CaseFile> cases, LocalDate due) {
        Instant end = due.plusDays(1).atStartOfDay(zone).toInstant();
        List<List<String>> rows = new ArrayList<>();
        int i = 1;
        for (CaseFile f : cases) {
            if (!f.registered() || f.openedAt().isAfter(end)) continue;
            CaseEvent confirm = Documents.event(f, ActionType.CONFIRM_VIOLATION);
            if (confirm == null || confirm.at().isAfter(end)) continue;
            rows.add(List.of(String.valueOf(i++), f.enterpriseName, f.enterprise, dn, Documents.dims(f.dimensions), f.ditiaogang() ? "是" : "否",
                    f.state().zh, f.onRedList() ? "红牌" : f.onYellowList() ? "黄牌" : "", f.currentDeadline() == null ? "" : f.currentDeadline().toString(), f.id));
        }
        return new Sheet(dn + period + k.zh, k.name() + "-" + period, dn + "经济信息委", due.toString(), "省工业和信息化厅（经市）",
                List.of("按照" + k.due.getMonthValue() + "月" + k.due.getDayOfMonth() + "日报送要求，现报送截至" + due + "利用综合标准依法依规推动落后产能退出涉及企业名单。"),
                List.of("序号", "企业名称", "统一社会信用代码", "区县", "方面", "地条钢", "处置状态", "名单", "当前期限", "案件编号"), rows);
    }

    /**
     * The public list of enterprises that exited in {@code year}, with their equipment and capacity (seeds/002 “公告年度落后产能
     * 退出企业名单、设备（生产线）和产能情况”): every case ordered closed (ORDER_SHUTDOWN, CLOSE_IMMEDIATELY) that year.
     */
    public Sheet exited(List<String> districts, int year, String scopeName, LocalDate date) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        int i = 1;
        for (CaseFile f : store.find(districts, null, null)) {
            CaseEvent closed = Documents.event(f, ActionType.CLOSE_IMMEDIATELY);
            if (closed == null) closed = Documents.event(f, ActionType.ORDER_SHUTDOWN);
            if (closed == null || closed.at().atZone(zone).getYear() != year || !f.registered()) continue;
            EnterpriseHistory h = registry.enterprise(f.enterprise);
            EnterpriseRecord r = h.at(closed.at().getEpochSecond() - 1);
            String equipment = r.equipment().stream().map(e -> equipmentName(e) + " " + Documents.fmt(e.ratedKw()) + "kW").collect(Collectors.joining("；"));
            rows.add(List.of(String.valueOf(i++), f.enterpriseName, f.enterprise, documents.districtName(f.district), equipment.isEmpty() ? "—" : equipment,
                    Documents.fmt(Documents.ratedKw(r)), Documents.fmt(r.capacityKva()), closed.at().atZone(zone).toLocalDate().toString(),
                    f.allDismantled() ? "已拆除" : f.mining() && f.has(ActionType.REMOVE_MINING_RIGS) ? "矿机已清退" : f.has(ActionType.SEAL_EQUIPMENT) ? "已封存" : "待拆除",
                    f.ditiaogang() ? "是" : "否"));
        }
        return new Sheet(scopeName + year + "年度落后产能退出企业名单", "GD_ANNUAL-" + year, scopeName + "经济信息委", date.toString(), null,
                List.of("根据利用综合标准依法依规推动落后产能退出工作要求，现公告" + year + "年度落后产能退出企业名单、设备（生产线）和产能情况，接受社会监督。"),
                List.of("序号", "企业名称", "统一社会信用代码", "区县", "设备（生产线）", "设备额定功率(kW)", "报装容量(kVA)", "关停日期", "设备处置", "地条钢"), rows);
    }

    private static String equipmentName(Equipment e) {
        return "INDUCTION_FURNACE".equals(e.type()) ? "中频炉" : e.type();
    }

    private boolean exists(Kind k, String period, String scope) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM report_runs WHERE kind = ? AND period = ? AND scope = ?")) {
            ps.setString(1, k.name());
            ps.setString(2, period);
            ps.setString(3, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void save(Kind k, String period, String scope, LocalDate due, Instant now, Sheet s) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report_runs (kind, period, scope, due, generated_at, title, csv, html, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, period, scope) DO NOTHING""")) {
            ps.setString(1, k.name());
            ps.setString(2, period);
            ps.setString(3, scope);
            ps.setDate(4, Date.valueOf(due));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, s.title());
            ps.setString(7, s.csv());
            ps.setString(8, s.html());
            ps.setInt(9, s.rows().size());
            ps.executeUpdate();
        }
    }

    public List<Run> runs(List<String> scopes, String kind) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, period, scope, due, generated_at, title, rows FROM report_runs WHERE (?::text[] IS NULL OR scope = ANY (?))"
                        + " AND (?::text IS NULL OR kind = ?) ORDER BY due DESC, id DESC LIMIT 1000")) {
            java.sql.Array arr = scopes == null ? null : c.createArrayOf("text", scopes.toArray());
            ps.setArray(1, arr);
            ps.setArray(2, arr);
            ps.setString(3, kind);
            ps.setString(4, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getInt(8)));
            }
        }
        return out;
    }

    /** A kept run's scope and body in {@code format} (csv or html), or null. */
    public Map<String, String> body(long id, String format) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT scope, " + ("csv".equals(format) ? "csv" : "html") + ", kind, period FROM report_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Map<String, String> m = new LinkedHashMap<>();
                m.put("scope", rs.getString(1));
                m.put("body", rs.getString(2));
                m.put("name", rs.getString(3) + "-" + rs.getString(4) + "-" + rs.getString(1));
                return m;
            }
        }
    }
}
