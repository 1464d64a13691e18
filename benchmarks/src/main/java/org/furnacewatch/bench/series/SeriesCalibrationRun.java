package org.furnacewatch.bench.series;

import java.util.Random;
import org.furnacewatch.detect.SeriesScorer;

/**
 * Calibration of the series scorer on pure noise: the share of rows scoring above 0.99, 0.999 and 0.9999
 * for Gaussian, Laplace, uniform, Student-t(3) and small-integer noise at scales 1e-6 .. 1e9 (offset 7 x
 * scale), 20,000 rows at 10-minute steps each. A calibrated tail probability puts at most about 1 % of
 * rows above 0.99.
 *
 * <pre>./watch bench org.furnacewatch.bench.series.SeriesCalibrationRun</pre>
 */
public final class SeriesCalibrationRun {
  public static void main(String[] args) {
    int n = 20_000;
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000L + 600L * i;
    }
    String[] kinds = {"gaussian", "laplace", "uniform", "student-t3", "integers"};
    double[] scales = {1e-6, 1e-2, 1, 1e3, 1e9};
    System.out.println("| noise | scale | share > 0.99 | share > 0.999 | share > 0.9999 |");
    System.out.println("|---|---:|---:|---:|---:|");
    double worst = 0;
    for (String kind : kinds) {
      for (double scale : scales) {
        Random r = new Random(kind.hashCode() * 31L + Double.hashCode(scale));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          double e = switch (kind) {
            case "gaussian" -> r.nextGaussian();
            case "laplace" -> (r.nextBoolean() ? 1 : -1) * -Math.log(1 - r.nextDouble());
            case "uniform" -> r.nextDouble() - 0.5;
            case "student-t3" -> {
              double c = 0;
              for (int k = 0; k < 3; k++) {
                double g = r.nextGaussian();
                c += g * g;
              }
              yield r.nextGaussian() / Math.sqrt(c / 3);
            }
            default -> Math.round(3 + Math.sqrt(3) * r.nextGaussian());
          };
          v[i] = scale * (7 + e);
        }
        double[] s = new SeriesScorer().score(ts, v);
        double[] share = new double[3];
        for (double x : s) {
          share[0] += x > 0.99 ? 1 : 0;
          share[1] += x > 0.999 ? 1 : 0;
          share[2] += x > 0.9999 ? 1 : 0;
        }
        worst = Math.max(worst, share[0] / n);
        System.out.printf("| %s | %.0e | %.3f %% | %.3f %% | %.3f %% |%n", kind, scale, 100 * share[0] / n,
            100 * share[1] / n, 100 * share[2] / n);
      }
    }
    System.out.printf("worst share above 0.99: %.3f %%%n", 100 * worst);
  }
}
