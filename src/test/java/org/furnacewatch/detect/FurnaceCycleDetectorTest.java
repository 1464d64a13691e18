package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The screen's test table: eight hours of 15-minute kW as the ring holds them, furnace or not. */
class FurnaceCycleDetectorTest {
  private static final DetectionProfile.Furnace P = DetectionProfile.DEFAULT.furnace();

  static Stream<Arguments> windows() {
    return Stream.of(
        Arguments.of("heats of an hour, taps to zero", repeat(new double[] {400, 400, 400, 400, 0}), true),
        // A 10-minute tap inside a 15-minute average reads about 60 % of the heat: the notch separates the heats,
        // which otherwise merge into runs of eight slots, too long for a heat (every other tap here is whole).
        Arguments.of("taps inside 15-minute averages", idleThen(new double[] {800, 820, 790, 810, 480, 800, 810, 790, 20}), true),
        // Every tap blurred: its dips never fall most of the way, like noise on a floor; not judged a furnace.
        Arguments.of("every tap blurred", idleThen(new double[] {800, 820, 790, 810, 480}), false),
        // A tap astride two slots takes about a third off each: two slots at two-thirds of the heats (a simulated
        // 850 kW night furnace, 15-minute kWh x 4).
        Arguments.of("taps astride two slots", times4(new double[] {25, 25, 23, 24, 26, 26, 135, 231, 230, 231, 148, 134,
            202, 202, 202, 202, 143, 135, 191, 190, 154, 11, 48, 196, 196, 196, 185, 27, 201, 201, 201, 75}), true),
        Arguments.of("heats that vary with the charge", repeat(new double[] {430, 820, 810, 600, 20}), true),
        Arguments.of("a day shift with a lunch break", dayShift(), false),
        // Noise on a miner's high floor crosses the middle of its range, but its dips never fall most of the way.
        Arguments.of("noise on a flat floor", noisyFloor(), false),
        Arguments.of("nothing", new double[32], false),
        // Rows a meter missed come up to three days late (补采). The first night of a simulated 1,000 kW furnace
        // (seed 25005, from 15-minute kWh x 4), with the two rows either side of a blurred tap still missing:
        // the tap is read against the heats beyond them.
        Arguments.of("a first night with rows beside a tap not delivered yet", firstNight(true), true),
        Arguments.of("the same night, every row in", firstNight(false), true),
        // A tap's own row missing: the run either side is too long for one heat, so the gap was the dip.
        Arguments.of("a tap whose row is not delivered yet", idleThen(new double[] {400, 400, 400, 400, 0, 400, 400,
            400, 400, Double.NaN, 400, 400, 400, 400, 0, 400, 400, 400, 400, 0, 0, 0, 0, 0}), true),
        // A machine's long runs with a row missing in each: read as a dip once a window at most, two short
        // heats do not make three cycles.
        Arguments.of("long runs with a row missing in each", new double[] {0, 0, 500, 500, 500, 500, 500, 500,
            Double.NaN, 500, 500, 500, 500, 500, 0, 0, 500, 500, 500, 500, 500, 500, Double.NaN, 500, 500, 500, 500,
            500, 0, 0, 500, 500}, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void screen_tellsFurnaceHeats(String name, double[] kw, boolean furnace) {
    FurnaceCycleDetector d = new FurnaceCycleDetector();
    for (int i = 0; i < 32; i++) { // as the furnace rule fills it; NaN: the row has not come
      d.window()[i] = Double.isNaN(kw[i]) ? DailyFeatures.MISSING : (int) Math.round(kw[i] * 250);
    }
    assertEquals(furnace, d.screenWindow(31, P, false, true), name + ": cycles " + d.cycles);
  }

  /**
   * A day run in a window's first six hours: four 75-minute heats of 250 kW, 15-minute taps to the
   * plant's level, two quiet hours after. Three heats are counted (the fourth has no tap after it
   * yet); over them and their taps, from the window's first slot to the third heat's tap, five
   * steps of 250 kW in 17; over the whole window seven in 31.
   */
  @Test
  void heatSpanSwing_readsTheHeatsAloneNotTheQuietHoursAfter() {
    double[] kw = new double[32];
    for (int i = 0; i < 24; i++) {
      kw[i] = i % 6 == 5 ? 0 : 250;
    }
    FurnaceCycleDetector d = new FurnaceCycleDetector();
    for (int i = 0; i < 32; i++) {
      d.window()[i] = (int) Math.round(kw[i] * 250);
    }
    assertTrue(d.screenWindow(31, P, false, true));
    assertEquals(3, d.cycles);
    assertEquals(5 * 250 / 17.0, d.heatSpanSwingKw(), 1e-9);
    assertEquals(7 * 250 / 31.0, d.swingKw(), 1e-9);
  }

  static Stream<Arguments> tops() {
    return Stream.of(
        // The 6,300 kW furnace added to a rolling mill on a simulated night (kW above the mill's level, seed 29003):
        // the converter holds its power, every counted heat reads flat.
        Arguments.of("a furnace's held power on a quiet mill", new double[] {0, 0, 0, 0, 0, 0, 0, 625, 76, 73, 125, 0,
            3028, 5586, 5583, 5633, 2855, 260, 5506, 5499, 5675, 5661, 1971, 3775, 5623, 5624, 5635, 5637, 3229, 565, 3942,
            5591}, 3),
        // A steel plant's own late shift in hours it is usually quiet (kW above its level, seed 7): its machines
        // swing from one quarter hour to the next, heat-like but never held.
        Arguments.of("a mill's own overtime", new double[] {1588, 2858, 1475, 0, 0, 3096, 2274, 2760, 940, 0, 1017, 1719,
            5354, 4959, 0, 0, 1826, 6292, 4353, 0, 2826, 5455, 7810, 5156, 0, 3412, 706, 1512, 6041, 7270, 4116, 7188}, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tops")
  void screen_countsHeatsWhoseTopWasHeldFlat(String name, double[] kw, int flatHeats) {
    FurnaceCycleDetector d = new FurnaceCycleDetector();
    for (int i = 0; i < 32; i++) {
      d.window()[i] = (int) Math.round(kw[i] * 250);
    }
    assertEquals(true, d.screenWindow(31, P, false, true), name + ": screened as heats");
    assertEquals(flatHeats, d.flatHeats, name + ": cycles " + d.cycles);
  }

  private static double[] firstNight(boolean rowsMissing) {
    double n = Double.NaN;
    double[] kwh = {2, 2, 2, 2, 2, 2, 2, 2.0, 1.9, 249.9, 250.2, 249.9, 176.8, 30.7, 111.9, 233.8, 233.9,
        rowsMissing ? n : 234.1, 110.7, rowsMissing ? n : 217.2, 246.2, 246.3, 245.8, 246.3, 127.3, 65.8, 235.4,
        235.5, 235.6, 235.4, 235.2, 189.0};
    return times4(kwh);
  }

  private static double[] times4(double[] kwh) {
    return Arrays.stream(kwh).map(v -> v * 4).toArray();
  }

  private static double[] repeat(double[] cycle) {
    double[] kw = new double[32];
    for (int i = 0; i < 32; i++) {
      kw[i] = cycle[i % cycle.length];
    }
    return kw;
  }

  /** The melting starts after two idle hours (the window then holds the site's floor). */
  private static double[] idleThen(double[] cycle) {
    double[] kw = new double[32];
    for (int i = 8; i < 32; i++) {
      kw[i] = cycle[(i - 8) % cycle.length];
    }
    return kw;
  }

  private static double[] dayShift() {
    double[] kw = new double[32];
    for (int i = 4; i < 28; i++) {
      kw[i] = i == 16 ? 250 : 500;
    }
    return kw;
  }

  private static double[] noisyFloor() {
    Random r = new Random(7);
    double[] kw = new double[32];
    for (int i = 0; i < 32; i++) {
      kw[i] = 700 + 200 * r.nextGaussian();
    }
    return kw;
  }
}
