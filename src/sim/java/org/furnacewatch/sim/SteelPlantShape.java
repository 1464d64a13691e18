package org.furnacewatch.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The real load shape of a steel plant: 15-minute kWh of DAEWOO Steel Co. Ltd, Gwangyang, 2018, from the UCI
 * Machine Learning Repository dataset 851 "Steel Industry Energy Consumption" (V E Sathishkumar et al.,
 * CC BY 4.0; see resources sim/CREDITS.md). Loaded from {@code sim/steel-plant-15min.csv}: one value per line,
 * line i = the interval ending 2018-01-01T00:00 + 15 min x (i+1).
 */
public final class SteelPlantShape {
    public static final String RESOURCE = "/sim/steel-plant-15min.csv";
    public static final LocalDate FIRST_DAY = LocalDate.of(2018, 1, 1); // a Monday
    public static final int DAYS = 365;

    private static volatile SteelPlantShape instance;

    private final float[] kwh;
    private final double max;

    private SteelPlantShape(float[] kwh) {
        this.kwh = kwh;
        double m = 0;
        for (float v : kwh) m = Math.max(m, v);
        this.max = m;
    }

    public static SteelPlantShape get() {
        SteelPlantShape s = instance;
        if (s == null) {
            synchronized (SteelPlantShape.class) {
                if (instance == null) instance = load();
                s = instance;
            }
        }
        return s;
    }

    private static SteelPlantShape load() {
        float[] v = new float[DAYS * 96];
        int n = 0;
        try (InputStream in = SteelPlantShape.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                v[n++] = Float.parseFloat(line.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n != v.length) throw new IllegalStateException("expected " + v.length + " values, got " + n);
        return new SteelPlantShape(v);
    }

    /** Number of intervals (35,040). */
    public int size() {
        return kwh.length;
    }

    /** kWh of interval {@code index} (0 = ending 2018-01-01T00:15). */
    public double kwh(int index) {
        return kwh[index];
    }

    /** The largest interval value (157.18 kWh). */
    public double max() {
        return max;
    }

    /**
     * The source day used for simulated {@code date} by a plant with offset {@code weekOffset} (in weeks): the
     * same day of week, wrapping within the 52 weeks of 2018.
     */
    public static int sourceDay(LocalDate date, int weekOffset) {
        long d = ChronoUnit.DAYS.between(FIRST_DAY, date) + 7L * weekOffset;
        return (int) Math.floorMod(d, 364);
    }

    /** The 96 source values of source day {@code day} (0..364). */
    public double[] day(int day) {
        double[] out = new double[96];
        for (int i = 0; i < 96; i++) out[i] = kwh[day * 96 + i];
        return out;
    }
}
