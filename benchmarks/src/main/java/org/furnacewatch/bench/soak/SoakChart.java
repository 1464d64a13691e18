package org.furnacewatch.bench.soak;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Draws {@link CitySoak}'s samples (its CSV) as one PNG of four panels: memory, queues, read p99, throughput. */
final class SoakChart {
    private SoakChart() {
    }

    static void draw(Path csv, Path png) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.getFirst().split(","));
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) rows.add(l.split(",", -1));
        if (rows.size() < 2) return;
        XYChart memory = chart("Memory (MiB)", "MiB");
        add(memory, header, rows, "heap_used_mib", "heap used", false);
        add(memory, header, rows, "heap_after_gc_mib", "heap after last GC", false);
        add(memory, header, rows, "live_heap_full_gc_mib", "live heap (after a full GC)", true);
        add(memory, header, rows, "rss_mib", "service RSS", false);
        add(memory, header, rows, "pg_rss_mib", "PostgreSQL RSS", false);
        XYChart queues = chart("Queue depths (from /metrics)", "items");
        add(queues, header, rows, "ingest_pending_rows", "ingest rows pending", false);
        add(queues, header, rows, "detection_pending", "detection pending", false);
        add(queues, header, rows, "deliveries_pending", "deliveries pending", false);
        add(queues, header, rows, "deliveries_parked", "deliveries parked", false);
        XYChart p99 = chart("Light-read p99 per minute (alert pages, enterprise, a day of readings)", "ms");
        add(p99, header, rows, "read_p99_ms", "read p99", false);
        XYChart flow = chart("Cumulative: readings acknowledged (thousands), webhook deliveries", "count");
        addScaled(flow, header, rows, "readings_acked", "readings acked / 1000", 1e-3);
        addScaled(flow, header, rows, "webhooks_received", "webhook deliveries", 1);
        int w = 900, h = 520;
        BufferedImage img = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2 * w, 2 * h);
        XYChart[] all = {memory, queues, p99, flow};
        for (int i = 0; i < all.length; i++) {
            Graphics2D sub = (Graphics2D) g.create((i % 2) * w, (i / 2) * h, w, h);
            all[i].paint(sub, w, h);
            sub.dispose();
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("minute of the soak").yAxisTitle(y).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    private static void add(XYChart c, List<String> header, List<String[]> rows, String column, String name, boolean markersOnly) {
        addScaled(c, header, rows, column, name, 1, markersOnly);
    }

    private static void addScaled(XYChart c, List<String> header, List<String[]> rows, String column, String name, double scale) {
        addScaled(c, header, rows, column, name, scale, false);
    }

    private static void addScaled(XYChart c, List<String> header, List<String[]> rows, String column, String name, double scale, boolean markersOnly) {
        int col = header.indexOf(column);
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (String[] r : rows) {
            if (col >= r.length || r[col].isEmpty() || r[col].equals("NaN")) continue;
            x.add(Double.parseDouble(r[0]));
            y.add(Double.parseDouble(r[col]) * scale);
        }
        if (x.isEmpty()) return;
        XYSeries s = c.addSeries(name, x, y);
        if (markersOnly) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
        } else {
            s.setMarker(SeriesMarkers.NONE);
        }
    }
}
