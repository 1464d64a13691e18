package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdleNoiseTest {
  private static final int MASK = 511;

  private static double relativeStep(int[] wh, long idleHours) {
    byte[] counts = new byte[MASK + 1];
    Arrays.fill(counts, (byte) 1);
    return new IdleNoise().relativeStep(wh, counts, 1, 0, MASK, 0, 24, idleHours);
  }

  @Test
  void relativeStep_isTheMedianStepOverTheMeanOfTheIdleSlots() {
    int[] wh = new int[MASK + 1];
    for (int i = 0; i < 96; i++) {
      wh[i] = i % 2 == 0 ? 100 : 110;
    }
    assertEquals(10.0 / 105, relativeStep(wh, 0xFFFFFF), 1e-3);
  }

  @Test
  void relativeStep_readsOnlyIdleHoursAndNeedsThreeOfThem() {
    int[] wh = new int[MASK + 1];
    Random r = new Random(5);
    for (int i = 0; i < 96; i++) {
      wh[i] = i < 24 ? 1000 + (i % 2) * 40 : 5000 + r.nextInt(3000); // six steady hours, then busy
    }
    assertEquals(40.0 / 1020, relativeStep(wh, 0b111111), 2e-3);
    assertTrue(Double.isNaN(relativeStep(wh, 0b11)), "two idle hours are too few");
  }

  @Test
  void relativeStep_medianOfManyEqualSteps() {
    int[] wh = new int[MASK + 1];
    Random r = new Random(7);
    for (int i = 0; i < 96; i++) {
      wh[i] = 500 + r.nextInt(3) * 5;
    }
    int[] steps = new int[95];
    long sum = 0;
    for (int i = 1; i < 96; i++) {
      steps[i - 1] = Math.abs(wh[i] - wh[i - 1]);
      sum += wh[i];
    }
    Arrays.sort(steps);
    assertEquals(steps[47] * 95.0 / sum, relativeStep(wh, 0xFFFFFF), 1e-9); // 95 steps: the 48th
  }
}
