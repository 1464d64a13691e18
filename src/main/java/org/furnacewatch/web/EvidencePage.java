package org.furnacewatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.alert.Alert;
import org.furnacewatch.detect.FindingKind;
import org.furnacewatch.ingest.Timestamps;
import org.furnacewatch.notify.Severity;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence page an officer opens from an alert message: the load curve (kWh per 15 minutes) drawn server-side
 * as inline SVG, with the anomaly window shaded and the threshold drawn, plus the summary and the thresholds
 * crossed. No script and nothing fetched from elsewhere (the machines that open it may have no internet).
 */
final class EvidencePage {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final int W = 1100, H = 420, LEFT = 78, RIGHT = 24, TOP = 36, BOTTOM = 64;
    private static final long SLOT = 900;
    private static final long[] TICK_STEPS = {3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400};

    private EvidencePage() {}

    /** One point of the curve: the interval ending at {@code end}. */
    record Point(long end, double kwh) {}

    static String render(Alert a, String enterpriseName, String districtName, List<Point> stored, ZoneId zone) {
        JsonNode evidence;
        try {
            evidence = JSON.readTree(a.evidenceJson());
        } catch (IOException e) {
            evidence = JSON.createObjectNode();
        }
        List<Point> window = new ArrayList<>();
        for (JsonNode p : evidence.path("window")) {
            if (p.path("kwh").isNumber()) window.add(new Point(Timestamps.parseWithOffset(p.path("ts").asText()), p.path("kwh").asDouble()));
        }
        List<Point> curve = stored.isEmpty() ? window : stored;
        double threshold = Double.NaN;
        String thresholdLabel = null;
        JsonNode f = evidence.path("features");
        if (f.path("standbyCeilingKw").isNumber()) {
            threshold = f.path("standbyCeilingKw").asDouble() * 0.25;
            thresholdLabel = "待机上限";
        } else if (f.path("plateauKw").isNumber()) {
            threshold = f.path("plateauKw").asDouble() * 0.25;
            thresholdLabel = "熔炼平台负荷";
        }
        String kindName;
        try {
            kindName = FindingKind.valueOf(a.kind()).chinese();
        } catch (IllegalArgumentException e) {
            kindName = a.kind();
        }
        String severity = a.severity() == null ? "" : Severity.valueOf(a.severity()).chinese() + "（" + a.severity() + "）";
        DateTimeFormatter full = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);

        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>告警证据 — ").append(esc(enterpriseName))
                .append("</title><style>body{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"WenQuanYi Micro Hei\",\"Microsoft YaHei\",sans-serif;")
                .append("margin:20px 28px;color:#1f2937}h1{font-size:22px;margin:0 0 10px}table.meta td{padding:2px 14px 2px 0}")
                .append("table.meta td:first-child{color:#6b7280}.summary{background:#fef2f2;border-left:4px solid #dc2626;padding:8px 12px;margin:12px 0}")
                .append("ul{margin:4px 0}small{color:#6b7280}</style></head><body>");
        h.append("<h1>").append(esc(kindName)).append(" — ").append(esc(enterpriseName)).append("</h1>");
        h.append("<table class=\"meta\">");
        row(h, "企业名称", enterpriseName);
        if (a.enterprise() != null) row(h, "统一社会信用代码", a.enterprise());
        if (a.account() != null) row(h, "供电户号", a.account());
        row(h, "所在区县", districtName + "（" + a.district() + "）");
        row(h, "告警类型", kindName + "（" + a.kind() + "）");
        row(h, "告警级别", severity);
        row(h, "状态", a.status());
        row(h, "异常时段", full.format(a.firstTs().minusSeconds(SLOT)) + " 至 " + full.format(a.lastTs()));
        row(h, "异常评分", String.format(Locale.ROOT, "%.2f", a.score()));
        row(h, "告警编号", a.id());
        h.append("</table>");
        h.append("<p class=\"summary\" id=\"summary\">").append(esc(a.summary())).append("</p>");
        h.append(svg(curve, window, a.firstTs().getEpochSecond() - SLOT, a.lastTs().getEpochSecond(), threshold, thresholdLabel, zone));
        h.append("<h2 style=\"font-size:17px\">越过的阈值</h2><ul id=\"thresholds\">");
        for (JsonNode t : evidence.path("thresholdsCrossed")) h.append("<li>").append(esc(t.asText())).append("</li>");
        h.append("</ul><h2 style=\"font-size:17px\">特征值</h2><table class=\"meta\">");
        for (Map.Entry<String, JsonNode> e : evidence.path("features").properties()) {
            row(h, e.getKey(), String.format(Locale.ROOT, "%.3f", e.getValue().asDouble()));
        }
        h.append("</table><p><small>曲线为存储的15分钟读数之和（千瓦时/15分钟）；红色阴影为检测到的异常时段。本页由地条钢用电监测系统生成，链接有时效。</small></p>");
        h.append("</body></html>");
        return h.toString();
    }

    private static String svg(List<Point> curve, List<Point> window, long anomalyFrom, long anomalyTo, double threshold,
                              String thresholdLabel, ZoneId zone) {
        long t0 = anomalyFrom, t1 = anomalyTo;
        double max = 0;
        for (Point p : curve) {
            t0 = Math.min(t0, p.end() - SLOT);
            t1 = Math.max(t1, p.end());
            max = Math.max(max, p.kwh());
        }
        for (Point p : window) max = Math.max(max, p.kwh());
        if (Double.isFinite(threshold)) max = Math.max(max, threshold);
        double yMax = niceCeiling(max <= 0 ? 1 : max * 1.1);
        if (t1 <= t0) t1 = t0 + SLOT;
        final long from = t0, to = t1;
        double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        java.util.function.LongToDoubleFunction x = t -> LEFT + pw * (t - from) / (double) (to - from);
        java.util.function.DoubleUnaryOperator y = v -> TOP + ph * (1 - v / yMax);

        StringBuilder s = new StringBuilder(16_384);
        s.append("<svg id=\"load-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"负荷曲线\" style=\"font-size:12px\">");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#ffffff\"/>");
        s.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"15\" font-weight=\"bold\">负荷曲线（每15分钟用电量，千瓦时）</text>");
        // anomaly window first, so the curve is drawn over it
        double ax0 = x.applyAsDouble(anomalyFrom), ax1 = Math.max(x.applyAsDouble(anomalyTo), ax0 + 2);
        s.append("<rect id=\"anomaly-window\" x=\"").append(f(ax0)).append("\" y=\"").append(TOP).append("\" width=\"").append(f(ax1 - ax0))
                .append("\" height=\"").append(f(ph)).append("\" fill=\"#dc2626\" fill-opacity=\"0.16\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>");
        s.append("<text x=\"").append(f(ax0 + 4)).append("\" y=\"").append(TOP + 14).append("\" fill=\"#b91c1c\" font-weight=\"bold\">异常时段</text>");
        // grid and y axis
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5, yy = y.applyAsDouble(v);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(yy)).append("\" y2=\"").append(f(yy))
                    .append("\" stroke=\"#e5e7eb\"/>");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(yy + 4)).append("\" text-anchor=\"end\">").append(num(v)).append("</text>");
        }
        s.append("<text transform=\"translate(18,").append(f(TOP + ph / 2)).append(") rotate(-90)\" text-anchor=\"middle\">千瓦时 / 15分钟</text>");
        // x axis ticks on local time
        long step = TICK_STEPS[TICK_STEPS.length - 1];
        for (long st : TICK_STEPS) if ((to - from) / st <= 10) { step = st; break; }
        int offset = zone.getRules().getOffset(Instant.ofEpochSecond(from)).getTotalSeconds();
        long first = Math.floorDiv(from + offset + step - 1, step) * step - offset;
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(step >= 86400 ? "MM-dd" : "MM-dd HH:mm", Locale.ROOT).withZone(zone);
        for (long t = first; t <= to; t += step) {
            double xx = x.applyAsDouble(t);
            s.append("<line x1=\"").append(f(xx)).append("\" x2=\"").append(f(xx)).append("\" y1=\"").append(TOP).append("\" y2=\"").append(f(TOP + ph))
                    .append("\" stroke=\"#f3f4f6\"/>");
            if (xx > W - RIGHT - 34) continue; // a label at the right edge would be cut off
            s.append("<text x=\"").append(f(xx)).append("\" y=\"").append(f(TOP + ph + 18)).append("\" text-anchor=\"middle\">")
                    .append(fmt.format(Instant.ofEpochSecond(t))).append("</text>");
        }
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(TOP + ph)).append("\" y2=\"").append(f(TOP + ph))
                .append("\" stroke=\"#374151\"/>");
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" y2=\"").append(f(TOP + ph))
                .append("\" stroke=\"#374151\"/>");
        s.append("<text x=\"").append(f(LEFT + pw / 2)).append("\" y=\"").append(H - 14).append("\" text-anchor=\"middle\">时间（")
                .append("Asia/Shanghai".equals(zone.getId()) ? "北京时间" : esc(zone.getId())).append("）</text>");
        // threshold
        if (Double.isFinite(threshold)) {
            double ty = y.applyAsDouble(threshold);
            s.append("<line id=\"threshold\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(ty)).append("\" y2=\"")
                    .append(f(ty)).append("\" stroke=\"#d97706\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            s.append("<text x=\"").append(W - RIGHT - 4).append("\" y=\"").append(f(ty - 5)).append("\" text-anchor=\"end\" fill=\"#b45309\">")
                    .append(esc(thresholdLabel)).append(' ').append(num(threshold)).append(" 千瓦时/15分钟</text>");
        }
        // the curve: a step per reading, broken where readings are missing
        StringBuilder d = new StringBuilder();
        long prev = Long.MIN_VALUE;
        for (Point p : curve) {
            double yy = y.applyAsDouble(p.kwh());
            if (p.end() - SLOT != prev) d.append('M').append(f(x.applyAsDouble(p.end() - SLOT))).append(' ').append(f(yy));
            else d.append('L').append(f(x.applyAsDouble(p.end() - SLOT))).append(' ').append(f(yy));
            d.append('L').append(f(x.applyAsDouble(p.end()))).append(' ').append(f(yy));
            prev = p.end();
        }
        s.append("<path id=\"load-curve\" d=\"").append(d).append("\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.6\"/>");
        for (Point p : window) {
            s.append("<circle class=\"evidence-point\" cx=\"").append(f(x.applyAsDouble(p.end() - SLOT / 2))).append("\" cy=\"")
                    .append(f(y.applyAsDouble(p.kwh()))).append("\" r=\"2.5\" fill=\"#dc2626\"/>");
        }
        // legend
        int lx = W - RIGHT - 330;
        s.append("<g id=\"legend\" transform=\"translate(").append(lx).append(",12)\">")
                .append("<line x1=\"0\" x2=\"22\" y1=\"4\" y2=\"4\" stroke=\"#2563eb\" stroke-width=\"2\"/><text x=\"26\" y=\"8\">负荷曲线</text>")
                .append("<rect x=\"90\" y=\"-2\" width=\"18\" height=\"12\" fill=\"#dc2626\" fill-opacity=\"0.16\" stroke=\"#dc2626\"/><text x=\"112\" y=\"8\">异常时段</text>")
                .append(Double.isFinite(threshold) ? "<line x1=\"180\" x2=\"202\" y1=\"4\" y2=\"4\" stroke=\"#d97706\" stroke-dasharray=\"6 4\"/><text x=\"206\" y=\"8\">"
                        + esc(thresholdLabel) + "</text>" : "")
                .append("</g>");
        s.append("</svg>");
        return s.toString();
    }

    private static double niceCeiling(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * mag >= v) return m * mag;
        return 10 * mag;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>");
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
