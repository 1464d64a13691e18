package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OwnLevelTest {
  private static final int M = DailyFeatures.MISSING;

  /** Load above its own level for the window of the last span slots of kw (kW per slot, NaN: missing). */
  private static int[] above(double[] kw, int span) {
    int[] wh = new int[64];
    byte[] counts = new byte[64];
    for (int i = 0; i < kw.length; i++) {
      if (!Double.isNaN(kw[i])) {
        wh[i] = (int) Math.round(kw[i] * 250); // Wh in 15 minutes
        counts[i] = 1;
      }
    }
    int[] out = new int[64];
    new OwnLevel().subtract(wh, counts, 1, 0, 63, kw.length - span, span, out);
    int[] kwOut = new int[span];
    for (int i = 0; i < span; i++) {
      kwOut[i] = out[i] == M ? M : Math.round(out[i] / 250f);
    }
    return kwOut;
  }

  @Test
  void aPlantsOwnStepsAreNoHeats() {
    // night 40 kW, the day at 500 from slot 10, lunch at 300 for four slots, the evening stop;
    // the morning and the afternoon each longer than two reaches (a shorter block of work between
    // two lower levels reads as one heat, and a cycle takes three)
    double[] kw = new double[64];
    Arrays.fill(kw, 40);
    Arrays.fill(kw, 10, 56, 500);
    Arrays.fill(kw, 26, 30, 300);
    int[] out = above(kw, 57);
    for (int i = 0; i < 57; i++) {
      assertEquals(0, out[i], "slot " + (i + 7) + " " + Arrays.toString(out));
    }
  }

  @Test
  void aFurnaceOnTopOfTheWorkingDayStandsAtItsOwnHeight() {
    // the plant at 500 kW all window, a 250 kW furnace: heats of four and seven slots, taps of one
    double[] kw = new double[40];
    Arrays.fill(kw, 500);
    int[] heats = {8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24};
    for (int s : heats) {
      kw[s] += 250;
    }
    int[] out = above(kw, 33);
    for (int s : heats) {
      assertEquals(250, out[s - 7], "slot " + s + " " + Arrays.toString(out));
    }
    assertEquals(0, out[12 - 7]);
    assertEquals(0, out[20 - 7]);
  }

  @Test
  void theNewestSlotsAreReadAgainstTheSlotsBeforeThem_andMissingStaysMissing() {
    double[] kw = new double[20];
    Arrays.fill(kw, 500);
    kw[16] = Double.NaN;
    kw[18] = 750; // a heat begun in the newest slots: nothing after it yet
    kw[19] = 750;
    int[] out = above(kw, 6);
    assertArrayEquals(new int[] {0, 0, M, 0, 250, 250}, out);
  }
}
