package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A replaced meter's first whole day against a day-shift plant's learned working-day levels. */
class MeterScaleTest {
  /** A day-shift plant: 30 kW at night, 300 kW 08:00-18:00. */
  private static double usual(int h) {
    return h >= 8 && h < 18 ? 300 : 30;
  }

  private static HourlyBaseline learned() {
    HourlyBaseline b = new HourlyBaseline();
    b.ensureCapacity(1);
    Random r = new Random(7);
    double[] day = new double[HourlyBaseline.HOURS];
    for (int d = 0; d < 10; d++) {
      for (int h = 0; h < day.length; h++) {
        day[h] = usual(h) * (1 + 0.05 * r.nextGaussian());
      }
      b.learn(0, 0, day, 0.1, 0.5);
    }
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "the old scale with a day's swing,     1.0,   0, 0,   0,  SAME",
      "a CT ratio not applied (x3),          3.0,   0, 0,   0,  SCALED",
      "one applied twice (x1/3),             0.333, 0, 0,   0,  SCALED",
      "a night furnace from 22:00 to 05:00,  1.0,   22, 5,  450, SAME",
      "a load switched on from 10:00 (+600), 1.0,   10, 24, 600, SAME",
      "x3 and a night furnace (judged: hides nothing), 3.0, 22, 5, 900, SAME",
      "most hours not delivered,             1.0,   -1, 0,  0,  UNDECIDED"})
  void verdict(String what, double scale, int addFrom, int addTo, double addKw,
      MeterScale.Verdict expected) {
    double[] day = new double[HourlyBaseline.HOURS];
    Random r = new Random(11);
    for (int h = 0; h < day.length; h++) {
      boolean added = addFrom <= addTo ? h >= addFrom && h < addTo : h >= addFrom || h < addTo;
      double extra = added && addFrom >= 0 ? addKw : 0;
      day[h] = usual(h) * scale * (1 + 0.1 * r.nextGaussian()) + extra;
    }
    if (addFrom < 0) {
      Arrays.fill(day, 0, 12, Double.NaN);
    }
    assertEquals(expected, new MeterScale().judge(day, learned(), 0, 0), what);
  }
}
