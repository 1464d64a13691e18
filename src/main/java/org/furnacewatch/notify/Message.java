package org.furnacewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.detect.FindingKind;
import org.furnacewatch.ingest.Timestamps;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What a delivery says, in Chinese: enterprise (name and credit code), district, kind, what was seen, since when,
 * and the evidence link. Rendered once per delivery, at its first attempt.
 *
 * @param purpose NEW, REMINDER or ESCALATION
 * @param escalateAt when a reminder's alert will be escalated (null otherwise)
 */
public record Message(Alert alert, String purpose, String enterpriseName, String districtName, String receiverDistrictName,
                      Instant escalateAt, String evidenceUrl, ZoneId zone) {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public String kindName() {
        try {
            return FindingKind.valueOf(alert.kind()).chinese();
        } catch (IllegalArgumentException e) {
            return alert.kind();
        }
    }

    public String severityName() {
        return alert.severity() == null ? "" : Severity.valueOf(alert.severity()).chinese();
    }

    private String local(Instant t) {
        return LOCAL.format(t.atZone(zone));
    }

    public String subject() {
        return prefix() + "【地条钢用电监测】" + severityName() + "告警：" + enterpriseName + "（" + districtName + "）" + kindName();
    }

    private String prefix() {
        return switch (purpose) {
            case "REMINDER" -> "【提醒】";
            case "ESCALATION" -> "【升级】";
            default -> "";
        };
    }

    /** The plain-text body of an e-mail (and the {@code text} field of the webhook JSON). */
    public String text() {
        StringBuilder b = new StringBuilder();
        switch (purpose) {
            case "REMINDER" -> b.append("此告警尚未确认，请尽快核查并确认；")
                    .append(escalateAt == null ? "逾期将" : "如 " + local(escalateAt) + " 前仍未确认，将")
                    .append("升级报送上级。\n\n");
            case "ESCALATION" -> b.append(districtName).append("未在规定时限内确认此告警，现升级报送")
                    .append(receiverDistrictName).append("督办。\n\n");
            default -> { }
        }
        b.append("告警级别：").append(severityName()).append('\n');
        b.append("企业名称：").append(enterpriseName).append('\n');
        if (alert.enterprise() != null) b.append("统一社会信用代码：").append(alert.enterprise()).append('\n');
        if (alert.account() != null) b.append("供电户号：").append(alert.account()).append('\n');
        b.append("所在区县：").append(districtName).append("（").append(alert.district()).append("）\n");
        b.append("告警类型：").append(kindName()).append('\n');
        b.append("监测情况：").append(alert.summary()).append('\n');
        b.append("起始时间：").append(local(alert.firstTs())).append("（最近 ").append(local(alert.lastTs())).append("）\n");
        b.append("异常评分：").append(String.format("%.2f", alert.score())).append('\n');
        b.append("证据（负荷曲线）：").append(evidenceUrl).append('\n');
        b.append("告警编号：").append(alert.id()).append('\n');
        b.append("\n请区县政府组织现场核查，并在系统中确认（POST /api/v1/alerts/").append(alert.id()).append("/ack）。\n");
        return b.toString();
    }

    /** A short SMS text. */
    public String sms() {
        return prefix() + "【地条钢监测】" + severityName() + "：" + districtName + " " + enterpriseName + "（" + alert.subject()
                + "）" + kindName() + "，自" + local(alert.firstTs()) + "起。证据：" + evidenceUrl;
    }

    /** The webhook body: the alert as the API shows it (CONTRACT.md), plus names, purpose, link and text. */
    public String json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", alert.id());
        o.put("enterprise", alert.enterprise());
        if (alert.account() != null) o.put("account", alert.account());
        o.put("district", alert.district());
        o.put("kind", alert.kind());
        o.put("score", alert.score());
        o.put("status", alert.status());
        o.put("firstTs", Timestamps.format(alert.firstTs().getEpochSecond(), zone));
        o.put("lastTs", Timestamps.format(alert.lastTs().getEpochSecond(), zone));
        o.put("summary", alert.summary());
        try {
            o.set("evidence", JSON.readTree(alert.evidenceJson()));
        } catch (IOException e) {
            o.putObject("evidence");
        }
        o.put("severity", alert.severity());
        o.put("purpose", purpose);
        o.put("enterpriseName", enterpriseName);
        o.put("districtName", districtName);
        o.put("kindName", kindName());
        o.put("severityName", severityName());
        o.put("evidenceUrl", evidenceUrl);
        o.put("subject", subject());
        o.put("text", text());
        return o.toString();
    }
}
