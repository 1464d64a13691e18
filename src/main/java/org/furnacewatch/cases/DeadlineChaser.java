package org.furnacewatch.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.furnacewatch.notify.ChaseOutbox;
import org.furnacewatch.notify.Receivers;
import org.furnacewatch.registry.District;
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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Deadlines chase people (issue 11; seeds/000, 001 通报、约谈 of slow districts). Every running deadline — a tip-off's
 * verification, rectification, 停产整顿, dismantling, a report's due date — is reminded to the district's receivers at 09:00
 * three working days before it and, when still running, escalated to the parent's (the city) at 09:00 on the first
 * working day after it; working days are those of the Chinese calendar {@link Deadlines} uses. A deadline that moves
 * (an extension) or stops running (the case moved on, the report was generated, the check's result was recorded) ends
 * its chase. Inspection checks' due dates come in as a {@link Source} ({@code inspect.Inspections}). Runs on the alert
 * delivery worker's tick and clock; each step is written with its deliveries in one transaction, so it happens once.
 */
public final class DeadlineChaser {
    private static final Logger log = LoggerFactory.getLogger(DeadlineChaser.class);
    public static final int REMIND_WORKING_DAYS = 3;
    public static final LocalTime AT = LocalTime.of(9, 0);

    /** One running deadline. */
    public record Item(String kind, String subject, String district, String title, LocalDate due) {
        String key() {
            return kind + "|" + subject + "|" + due;
        }
    }

    /** More deadlines to chase besides cases' (reports' due dates). */
    public interface Source {
        List<Item> items(LocalDate today) throws SQLException;
    }

    private final DataSource db;
    private final CaseStore store;
    private final Receivers receivers;
    private final Registry registry;
    private final ZoneId zone;
    private final List<Source> sources = new ArrayList<>();
    private Instant lastRun;
    private long lastWallNanos;

    public DeadlineChaser(DataSource db, CaseStore store, Receivers receivers, Registry registry, ZoneId zone) {
        this.db = db;
        this.store = store;
        this.receivers = receivers;
        this.registry = registry;
        this.zone = zone;
    }

    public DeadlineChaser withSource(Source s) {
        sources.add(s);
        return this;
    }

    /** For the delivery worker's tick: runs when the clock moved or 30 s passed since the last run. */
    public void tick(Instant now) {
        if (now.equals(lastRun) && System.nanoTime() - lastWallNanos < 30_000_000_000L) return;
        try {
            run(now);
            lastRun = now;
            lastWallNanos = System.nanoTime();
        } catch (SQLException e) {
            log.warn("deadline chase failed (will retry): {}", e.toString());
        }
    }

    /** Brings the chases up to date with what runs at {@code now}, then reminds and escalates what is due. */
    public synchronized int run(Instant now) throws SQLException {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Item> live = new ArrayList<>();
        for (CaseFile f : store.live()) {
            LocalDate due = f.currentDeadline();
            if (due == null) continue;
            String what = f.registered() ? f.enterpriseName + "（" + f.enterprise + "）" : f.siteAddress();
            live.add(new Item(f.currentDeadlineKind(), f.id, f.district, "案件 " + f.id + " " + what + " " + kindZh(f.currentDeadlineKind()), due));
        }
        for (Source s : sources) live.addAll(s.items(today));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                sync(c, live, now);
                int acted = step(c, now, true) + step(c, now, false);
                c.commit();
                return acted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void sync(Connection c, List<Item> live, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deadline_chases (key, kind, subject, district, title, due, remind_at, escalate_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING""")) {
            for (Item i : live) {
                ps.setString(1, i.key());
                ps.setString(2, i.kind());
                ps.setString(3, i.subject());
                ps.setString(4, i.district());
                ps.setString(5, i.title());
                ps.setDate(6, Date.valueOf(i.due()));
                ps.setTimestamp(7, Timestamp.from(Deadlines.beforeWorkingDays(i.due(), REMIND_WORKING_DAYS).atTime(AT).atZone(zone).toInstant()));
                ps.setTimestamp(8, Timestamp.from(Deadlines.afterWorkingDays(i.due(), 1).atTime(AT).atZone(zone).toInstant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE deadline_chases SET ended_at = ? WHERE ended_at IS NULL AND NOT (key = ANY (?))")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", live.stream().map(Item::key).toArray()));
            ps.executeUpdate();
        }
    }

    private int step(Connection c, Instant now, boolean escalate) throws SQLException {
        String due = escalate ? "escalate_at" : "remind_at";
        String done = escalate ? "escalated_at" : "reminded_at";
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, kind, subject, district, title, due FROM deadline_chases WHERE ended_at IS NULL AND "
                + done + " IS NULL AND " + due + " <= ?" + (escalate ? "" : " AND escalated_at IS NULL") + " ORDER BY " + due + " LIMIT 500 FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(), rs.getString(5), rs.getDate(6).toLocalDate()});
            }
        }
        for (Object[] r : rows) {
            String key = (String) r[0];
            String district = (String) r[3];
            Receivers.Route route = escalate ? receivers.above(district) : receivers.forDistrict(district);
            String purpose = escalate ? "ESCALATION" : "REMINDER";
            ChaseOutbox.enqueue(c, key, purpose, route, render(purpose, (String) r[1], (String) r[2], district, (String) r[4], (LocalDate) r[5], route), now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE deadline_chases SET " + done + " = ?"
                    + (escalate ? ", reminded_at = coalesce(reminded_at, ?)" : "") + " WHERE key = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                if (escalate) {
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, key);
                } else {
                    ps.setString(2, key);
                }
                ps.executeUpdate();
            }
        }
        return rows.size();
    }

    /** The payload for one receiver: webhook JSON, e-mail {subject, text}, SMS {to, text}; Chinese first. */
    private Function<Map<String, Object>, String> render(String purpose, String kind, String subject, String district, String title,
                                                         LocalDate due, Receivers.Route route) {
        String dn = name(district);
        boolean esc = "ESCALATION".equals(purpose);
        String head = (esc ? "【升级】" : "【提醒】") + "【地条钢用电监测】" + kindZh(kind) + "期限" + (esc ? "已过：" : "将至：") + title;
        String text = (esc ? dn + "未在期限（" + due + "）内完成" + kindZh(kind) + "，现升级报送" + name(route.district()) + "督办。\n\n"
                : "请于 " + due + " 前完成" + kindZh(kind) + "；逾期将升级报送上级。\n\n")
                + "事项：" + title + "\n区县：" + dn + "（" + district + "）\n期限：" + due + "\n编号：" + subject + "\n";
        return receiver -> {
            String channel = Receivers.channel(receiver);
            ObjectNode o = org.furnacewatch.codec.Json.MAPPER.createObjectNode();
            switch (channel) {
                case "email" -> {
                    o.put("subject", head);
                    o.put("text", text);
                }
                case "sms" -> {
                    o.put("to", Receivers.to(receiver, "phone"));
                    o.put("text", head + " 期限" + due);
                }
                default -> {
                    o.put("type", "deadline");
                    o.put("purpose", purpose);
                    o.put("kind", kind);
                    o.put("subject", subject);
                    o.put("district", district);
                    o.put("districtName", dn);
                    o.put("due", due.toString());
                    o.put("title", title);
                    o.put("subjectLine", head);
                    o.put("text", text);
                }
            }
            return o.toString();
        };
    }

    private String name(String code) {
        District d = code == null ? null : registry.district(code.trim());
        return d == null ? String.valueOf(code) : d.name();
    }

    static String kindZh(String kind) {
        return switch (kind) {
            case "VERIFICATION" -> "举报核查";
            case "RECTIFICATION" -> "限期整改";
            case "SAFETY_STOP" -> "停产停业整顿";
            case "DISMANTLE" -> "限时拆除";
            case "REPORT" -> "报告报送";
            case "INSPECTION" -> "检查";
            default -> kind;
        };
    }
}
