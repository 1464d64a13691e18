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
 * as SVG, with the anomaly window shaded and the threshold drawn, plus the summary and the thresholds crossed. No
 * script and nothing fetched from another origin (the machines that open it may have no internet).
 *
 * <p>This class only measures: it turns the alert and the stored curve into a {@link View} of texts and numbers
 * (coordinates already formatted); the markup is the jte template {@code evidence.jte}, so every text that came
 * from the registry or the alert is escaped by the one template engine, like every console page.
 */
public final class EvidencePage {
    static final String TEMPLATE = "evidence.jte";
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private static final int W = 1100, H = 420, LEFT = 78, RIGHT = 24, TOP = 36, BOTTOM = 64;
    private static final long SLOT = 900;
    private static final long[] TICK_STEPS = {3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400};

    private EvidencePage() {}

    /** One point of the curve: the interval ending at {@code end}. */
    record Point(long end, double kwh) {}

    /** A label and its value in the page's tables. */
    public record Row(String key, String value) {}

    /** A grid line at {@code pos} (y for the value axis, x for the time axis) with its label (none when empty). */
    public record Tick(String pos, String labelPos, String label) {}

    /** A dot at an evidence point. */
    public record Dot(String cx, String cy) {}

    /** The threshold line (standby ceiling or melting plateau) at height {@code y}. */
    public record Threshold(String y, String labelY, String label, String value) {}

    /** The chart's geometry, in the SVG's own units, formatted. */
    public record Chart(int width, int height, int left, int right, int top, String plotBottom, String plotMidY, String plotMidX,
                        int labelX, int axisTitleY, String anomalyX, String anomalyWidth, String anomalyHeight, String anomalyLabelX,
                        List<Tick> yTicks, List<Tick> xTicks, String xLabelY, String zoneName, Threshold threshold, String curve,
                        List<Dot> dots, int legendX) {}

    /** Everything the template shows. */
    public record View(String kindName, String enterpriseName, List<Row> meta, String summary, Chart chart, List<String> thresholds,
                       List<Row> features) {}

    static View view(Alert a, String enterpriseName, String districtName, List<Point> stored, ZoneId zone) {
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
        List<Row> meta = new ArrayList<>();
        meta.add(new Row("企业名称", enterpriseName));
        // an alert may name a power-company account (户号) that no registered enterprise owns: no credit code then
        if (a.enterprise() != null) meta.add(new Row("统一社会信用代码", a.enterprise()));
        if (a.account() != null) meta.add(new Row("供电户号", a.account()));
        meta.add(new Row("所在区县", districtName + "（" + a.district() + "）"));
        meta.add(new Row("告警类型", kindName + "（" + a.kind() + "）"));
        meta.add(new Row("告警级别", severity));
        meta.add(new Row("状态", a.status()));
        meta.add(new Row("异常时段", full.format(a.firstTs().minusSeconds(SLOT)) + " 至 " + full.format(a.lastTs())));
        meta.add(new Row("异常评分", String.format(Locale.ROOT, "%.2f", a.score())));
        meta.add(new Row("告警编号", a.id()));
        List<String> crossed = new ArrayList<>();
        for (JsonNode t : evidence.path("thresholdsCrossed")) crossed.add(t.asText());
        List<Row> features = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : evidence.path("features").properties()) {
            features.add(new Row(e.getKey(), String.format(Locale.ROOT, "%.3f", e.getValue().asDouble())));
        }
        Chart chart = chart(curve, window, a.firstTs().getEpochSecond() - SLOT, a.lastTs().getEpochSecond(), threshold, thresholdLabel, zone);
        return new View(kindName, enterpriseName, meta, a.summary(), chart, crossed, features);
    }

    private static Chart chart(List<Point> curve, List<Point> window, long anomalyFrom, long anomalyTo, double threshold,
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

        double ax0 = x.applyAsDouble(anomalyFrom), ax1 = Math.max(x.applyAsDouble(anomalyTo), ax0 + 2);
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5, yy = y.applyAsDouble(v);
            yTicks.add(new Tick(f(yy), f(yy + 4), num(v)));
        }
        // x axis ticks on local time
        long step = TICK_STEPS[TICK_STEPS.length - 1];
        for (long st : TICK_STEPS) if ((to - from) / st <= 10) { step = st; break; }
        int offset = zone.getRules().getOffset(Instant.ofEpochSecond(from)).getTotalSeconds();
        long first = Math.floorDiv(from + offset + step - 1, step) * step - offset;
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(step >= 86400 ? "MM-dd" : "MM-dd HH:mm", Locale.ROOT).withZone(zone);
        List<Tick> xTicks = new ArrayList<>();
        for (long t = first; t <= to; t += step) {
            double xx = x.applyAsDouble(t);
            // a label at the right edge would be cut off
            xTicks.add(new Tick(f(xx), f(xx), xx > W - RIGHT - 34 ? "" : fmt.format(Instant.ofEpochSecond(t))));
        }
        Threshold line = Double.isFinite(threshold)
                ? new Threshold(f(y.applyAsDouble(threshold)), f(y.applyAsDouble(threshold) - 5), thresholdLabel, num(threshold)) : null;
        // the curve: a step per reading, broken where readings are missing
        StringBuilder d = new StringBuilder();
        long prev = Long.MIN_VALUE;
        for (Point p : curve) {
            double yy = y.applyAsDouble(p.kwh());
            d.append(p.end() - SLOT != prev ? 'M' : 'L').append(f(x.applyAsDouble(p.end() - SLOT))).append(' ').append(f(yy));
            d.append('L').append(f(x.applyAsDouble(p.end()))).append(' ').append(f(yy));
            prev = p.end();
        }
        List<Dot> dots = new ArrayList<>();
        for (Point p : window) dots.add(new Dot(f(x.applyAsDouble(p.end() - SLOT / 2)), f(y.applyAsDouble(p.kwh()))));
        return new Chart(W, H, LEFT, W - RIGHT, TOP, f(TOP + ph), f(TOP + ph / 2), f(LEFT + pw / 2), LEFT - 6, H - 14, f(ax0), f(ax1 - ax0), f(ph),
                f(ax0 + 4), yTicks, xTicks, f(TOP + ph + 18), "Asia/Shanghai".equals(zone.getId()) ? "北京时间" : zone.getId(), line, d.toString(),
                dots, W - RIGHT - 330);
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
}
