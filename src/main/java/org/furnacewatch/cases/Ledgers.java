package org.furnacewatch.cases;

import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Equipment;
import org.furnacewatch.registry.Registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The work ledgers (工作台账) the notices order: the 挖矿 ledger of FLAT_CONTINUOUS findings and their disposal
 * (seeds/000 “建立工作台账”), and the eliminated-equipment ledger of every 淘汰类 / 地条钢 site with its equipment and what
 * became of it.
 */
public final class Ledgers {
    private final DataSource db;
    private final CaseStore store;
    private final Registry registry;
    private final ZoneId zone;

    public Ledgers(DataSource db, CaseStore store, Registry registry, ZoneId zone) {
        this.db = db;
        this.store = store;
        this.registry = registry;
        this.zone = zone;
    }

    public Sheet mining(List<String> districts, String scopeName, LocalDate today) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        Map<String, CaseFile> byAlert = new HashMap<>();
        List<CaseFile> cases = store.find(districts, null, null);
        for (CaseFile f : cases) if (f.alertId != null) byAlert.put(f.alertId, f);
        int i = 1;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, enterprise, district, first_ts, last_ts, status, score FROM alerts
                WHERE kind = 'FLAT_CONTINUOUS' AND (?::text[] IS NULL OR district = ANY (?)) ORDER BY first_ts, id""")) {
            java.sql.Array arr = districts == null ? null : c.createArrayOf("text", districts.toArray());
            ps.setArray(1, arr);
            ps.setArray(2, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String alert = rs.getString(1);
                    CaseFile f = byAlert.get(alert);
                    rows.add(row(i++, alert, rs.getString(2), rs.getString(3).trim(), date(rs.getTimestamp(4)), date(rs.getTimestamp(5)), rs.getString(6), f));
                }
            }
        }
        for (CaseFile f : cases) {
            if (f.mining() && f.alertId == null) rows.add(row(i++, "", f.enterprise, f.district, date(f.openedAt()), "", "", f));
        }
        return new Sheet(scopeName + "虚拟货币“挖矿”用电监测工作台账", null, scopeName + "经济信息委", today.toString(), null,
                List.of("台账记录平稳持续用电（挖矿特征）告警及其核查处置情况，挖矿企业执行淘汰类电价（seeds/000 “建立工作台账”）。"),
                List.of("序号", "告警编号", "企业名称", "统一社会信用代码", "区县", "发现日期", "最近日期", "告警状态", "案件编号", "处置状态", "矿机清退", "验收"), rows);
    }

    private List<String> row(int i, String alert, String enterprise, String district, String first, String last, String status, CaseFile f) {
        EnterpriseHistory h = enterprise == null ? null : registry.enterprise(enterprise);
        String name = h == null ? (f == null || f.siteAddress() == null ? "" : f.siteAddress()) : h.latest().name();
        return List.of(String.valueOf(i), alert, name, enterprise == null ? "" : enterprise, district, first, last, status == null ? "" : status,
                f == null ? "" : f.id, f == null ? "未立案" : f.state().zh, f != null && f.has(ActionType.REMOVE_MINING_RIGS) ? "已清退" : "",
                f != null && f.has(ActionType.ACCEPT_ON_SITE) ? "已验收" : "");
    }

    public Sheet eliminatedEquipment(List<String> districts, String scopeName, LocalDate today) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        int i = 1;
        for (CaseFile f : store.find(districts, null, null)) {
            if (!f.registered() || !f.noRectificationPath() || f.mining() || !f.has(ActionType.CONFIRM_VIOLATION)) continue;
            EnterpriseRecord r = registry.enterprise(f.enterprise).latest();
            for (Equipment e : r.equipment()) {
                rows.add(List.of(String.valueOf(i++), f.enterpriseName, f.enterprise, f.district, "INDUCTION_FURNACE".equals(e.type()) ? "中频炉" : e.type(),
                        Documents.fmt(e.ratedKw()), f.ditiaogang() ? "是" : "否", f.state().zh,
                        f.dismantled().keySet().stream().map(d -> d.zh).collect(Collectors.joining("、")),
                        f.has(ActionType.SEAL_EQUIPMENT) ? "已封存" : "", f.dismantleDeadline() == null ? "" : f.dismantleDeadline().toString(),
                        f.has(ActionType.ACCEPT_ON_SITE) ? "已验收" : "", f.id));
            }
        }
        return new Sheet(scopeName + "淘汰类设备台账", null, scopeName + "经济信息委", today.toString(), null,
                List.of("台账记录认定为淘汰类工艺装备（含“地条钢”中频炉）的设备及其拆除、封存、验收情况。"),
                List.of("序号", "企业名称", "统一社会信用代码", "区县", "设备", "额定功率(kW)", "地条钢", "处置状态", "已拆除项目", "封存", "拆除期限", "验收", "案件编号"), rows);
    }

    private String date(java.sql.Timestamp t) {
        return t == null ? "" : t.toInstant().atZone(zone).toLocalDate().toString();
    }

    private String date(java.time.Instant t) {
        return t == null ? "" : t.atZone(zone).toLocalDate().toString();
    }
}
