package org.furnacewatch.bench.series;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A labelled corpus of real-shaped single series with injected anomalies, to develop the series
 * scorer against without touching any public benchmark corpus.
 *
 * <p>Each series is signal + noise from one base kind (white noise, AR(1) sensor, daily/weekly
 * traffic, heavy-tailed server metric with benign bursts, Poisson counts, integer-quantised gauge,
 * mean-reverting random walk, machine cycle of arbitrary period, and slices of the real steel plant
 * in {@code /work/shared/data/steel-plant-15min}: UCI dataset 851, V E Sathishkumar et al., CC BY 4.0),
 * at a random scale and step (5 min, 10 min, 15 min, 1 h), 1,000-22,000 rows. One to three anomalies
 * are injected after the first 15 %: spike, dip, level shift up or down, variance up, drift, the
 * periodic pattern stopping / changing period / changing shape, a flat line, a silence (zeros) or a
 * gap (no rows). Magnitudes are drawn relative to the series' own noise, from subtle to plain.
 *
 * <p>The {@code dev} split (seeds 1..) is for development; {@code heldout} uses other seeds, the
 * second half of the steel plant's year, and two kinds dev never shows (weekly office load with
 * a trend, heteroscedastic growth). Never tune on heldout.
 */
final class SeriesCorpus {
  static final Path STEEL = Path.of("/work/shared/data/steel-plant-15min/Steel_industry_data.csv");
  private static final long[] STEPS = {300, 600, 900, 3600};
  private static final String[] DEV_KINDS = {"noise", "ar1", "traffic", "server", "counts", "quantised",
      "walk", "cycle", "steel"};
  private static final String[] HELD_KINDS = {"noise", "ar1", "traffic", "server", "counts", "quantised",
      "walk", "cycle", "steel", "office", "growth"};

  private final double[] steel;

  SeriesCorpus() throws IOException {
    List<String> lines = Files.readAllLines(STEEL, StandardCharsets.UTF_8);
    steel = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      steel[i - 1] = Double.parseDouble(lines.get(i).split(",")[1]);
    }
  }

  List<LabelledSeries> build(String split, int count) {
    boolean held = split.equals("heldout");
    String[] kinds = held ? HELD_KINDS : DEV_KINDS;
    List<LabelledSeries> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long seed = held ? 1_000_003L * (i + 7) + 99 : i + 1;
      Random r = new Random(new java.util.SplittableRandom(seed).nextLong()); // nearby seeds: unrelated streams
      String kind = kinds[i % kinds.length];
      out.add(make(split + "-" + i + "-" + kind, kind, r, held));
    }
    return out;
  }

  private LabelledSeries make(String name, String kind, Random r, boolean held) {
    int n = (int) Math.round(Math.exp(Math.log(1000) + r.nextDouble() * (Math.log(22_000) - Math.log(1000))));
    long step = kind.equals("steel") ? 900 : STEPS[r.nextInt(STEPS.length)];
    double scale = Math.pow(10, -2 + 7 * r.nextDouble());
    double[] signal = new double[n];
    double[] noise = new double[n];
    boolean periodic = base(kind, r, n, step, scale, signal, noise, held);
    double noiseSd = robustSd(noise, signal);
    int k = 1 + r.nextInt(3);
    int window = n / 10 / k;
    int probation = Math.min((int) (0.15 * n), 750);
    int[] onsets = new int[k];
    String[] types = new String[k];
    int room = (n - probation - window / 2 - 10) / k;
    for (int j = 0; j < k; j++) {
      int lo = probation + window / 2 + j * room;
      onsets[j] = lo + r.nextInt(Math.max(1, room - window));
      types[j] = pickType(r, periodic);
    }
    boolean[] drop = new boolean[n];
    for (int j = 0; j < k; j++) {
      int end = j + 1 < k ? onsets[j + 1] : n;
      inject(types[j], r, onsets[j], end, signal, noise, noiseSd, step, n, drop);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = signal[i] + noise[i];
      if (kind.equals("counts") || kind.equals("quantised")) {
        v[i] = Math.max(0, Math.round(v[i]));
      }
    }
    for (int j = 0; j < k; j++) {
      if (types[j].equals("flatline")) {
        int len = 40 + r.nextInt(400);
        for (int i = onsets[j]; i < Math.min(n, onsets[j] + len); i++) {
          v[i] = v[onsets[j] - 1];
        }
      } else if (types[j].equals("silence")) {
        int len = 40 + r.nextInt(400);
        for (int i = onsets[j]; i < Math.min(n, onsets[j] + len); i++) {
          v[i] = 0;
        }
      }
    }
    long t0 = 1_514_736_000L + 86_400L * r.nextInt(300);
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = t0 + step * i;
    }
    // drop gap rows; onsets follow their row
    int m = 0;
    int[] newIndex = new int[n];
    for (int i = 0; i < n; i++) {
      newIndex[i] = m;
      if (!drop[i]) {
        ts[m] = ts[i];
        v[m] = v[i];
        m++;
      }
    }
    for (int j = 0; j < k; j++) {
      onsets[j] = newIndex[onsets[j]];
    }
    return new LabelledSeries(name, kind, Arrays.copyOf(ts, m), Arrays.copyOf(v, m), onsets, types);
  }

  private static String pickType(Random r, boolean periodic) {
    String[] common = {"spike", "dip", "shift_up", "shift_down", "variance", "drift", "flatline", "silence", "gap"};
    String[] seasonal = {"stop", "period", "shape"};
    if (periodic && r.nextDouble() < 0.3) {
      return seasonal[r.nextInt(seasonal.length)];
    }
    return common[r.nextInt(common.length)];
  }

  /** Fills signal and noise; answers whether the signal is periodic. */
  private boolean base(String kind, Random r, int n, long step, double scale, double[] s, double[] e, boolean held) {
    int day = (int) (86_400 / step);
    switch (kind) {
      case "noise" -> {
        double sd = scale * (0.01 + 0.3 * r.nextDouble());
        for (int i = 0; i < n; i++) {
          s[i] = scale;
          e[i] = sd * r.nextGaussian();
        }
        return false;
      }
      case "ar1" -> {
        double phi = 0.8 + 0.19 * r.nextDouble();
        double sd = scale * 0.02;
        double a = 0;
        for (int i = 0; i < n; i++) {
          a = phi * a + sd * r.nextGaussian();
          s[i] = scale;
          e[i] = a;
        }
        return false;
      }
      case "traffic", "office" -> {
        double amp = scale * (0.3 + 0.6 * r.nextDouble());
        double sd = amp * (0.03 + 0.2 * r.nextDouble());
        double trend = kind.equals("office") ? scale * 0.3 / n : 0;
        for (int i = 0; i < n; i++) {
          double ph = 2 * Math.PI * (i % day) / day;
          double wk = kind.equals("office") && (i / day) % 7 >= 5 ? 0.3 : 1;
          s[i] = scale + trend * i + wk * amp * (Math.max(0, Math.sin(ph - 1.2)) + 0.3 * Math.sin(2 * ph));
          e[i] = sd * r.nextGaussian();
        }
        return true;
      }
      case "server" -> {
        double sd = scale * (0.02 + 0.1 * r.nextDouble());
        for (int i = 0; i < n; i++) {
          s[i] = scale;
          double t = r.nextGaussian() / Math.sqrt(Math.max(0.2, -2 * Math.log(r.nextDouble() + 1e-12) / 3 * 0.5));
          e[i] = sd * Math.max(-4, t);
          if (r.nextDouble() < 0.01) {
            e[i] += sd * (2 + 3 * r.nextDouble()); // benign busy moments, not labelled
          }
        }
        return false;
      }
      case "counts" -> {
        double lam = 1 + 20 * r.nextDouble();
        boolean daily = r.nextBoolean();
        for (int i = 0; i < n; i++) {
          double l = lam * (daily ? 1 + 0.6 * Math.sin(2 * Math.PI * (i % day) / day) : 1);
          s[i] = l;
          e[i] = poisson(r, l) - l;
        }
        return daily;
      }
      case "quantised" -> {
        double a = 0;
        double phi = 0.9 + 0.09 * r.nextDouble();
        double sd = 0.5 + 3 * r.nextDouble();
        double lvl = 20 + 200 * r.nextDouble();
        for (int i = 0; i < n; i++) {
          a = phi * a + sd * r.nextGaussian();
          s[i] = lvl;
          e[i] = a;
        }
        return false;
      }
      case "walk" -> {
        double a = 0;
        double sd = scale * 0.01;
        for (int i = 0; i < n; i++) {
          a = 0.999 * a + sd * r.nextGaussian();
          s[i] = scale + a;
          e[i] = 0.3 * sd * r.nextGaussian();
        }
        return false;
      }
      case "cycle" -> {
        int p = 10 + r.nextInt(200);
        int shape = r.nextInt(3);
        double amp = scale * 0.5;
        double sd = amp * (0.02 + 0.15 * r.nextDouble());
        for (int i = 0; i < n; i++) {
          s[i] = scale + amp * wave(shape, (i % p) / (double) p);
          e[i] = sd * r.nextGaussian();
        }
        return true;
      }
      case "growth" -> {
        double sd = 0.05 + 0.1 * r.nextDouble();
        for (int i = 0; i < n; i++) {
          double lvl = scale * (1 + 2.0 * i / n);
          s[i] = lvl * (1 + 0.3 * Math.sin(2 * Math.PI * (i % day) / day));
          e[i] = lvl * sd * r.nextGaussian();
        }
        return true;
      }
      case "steel" -> {
        int half = steel.length / 2;
        int len = Math.min(n, half);
        int from = (held ? half : 0) + r.nextInt(half - len + 1);
        for (int i = 0; i < n; i++) {
          s[i] = i < len ? steel[from + i] : steel[from + (i % len)];
          e[i] = 0;
        }
        return true;
      }
      default -> throw new IllegalArgumentException(kind);
    }
  }

  private static double wave(int shape, double f) {
    return switch (shape) {
      case 0 -> Math.sin(2 * Math.PI * f);
      case 1 -> f < 0.5 ? 1 : -1;
      default -> 2 * f - 1;
    };
  }

  private static int poisson(Random r, double lam) {
    double l = Math.exp(-lam);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** Spread of what is not the regular signal: the noise, or for real data the row-to-row change. */
  private static double robustSd(double[] noise, double[] signal) {
    int n = noise.length;
    double[] d = new double[n - 1];
    boolean real = true;
    for (double x : noise) {
      if (x != 0) {
        real = false;
        break;
      }
    }
    if (real) {
      // real data has no separate noise: a third of the values' spread, so injected changes are ones a person would see
      double m = 0;
      for (double x : signal) {
        m += x;
      }
      m /= n;
      double q = 0;
      for (double x : signal) {
        q += (x - m) * (x - m);
      }
      return Math.max(1e-3, Math.sqrt(q / n) / 3);
    }
    for (int i = 1; i < n; i++) {
      d[i - 1] = Math.abs(noise[i]);
    }
    Arrays.sort(d);
    double mad = d[d.length / 2] * 1.4826;
    return mad > 0 ? mad : 1e-3;
  }

  private static void inject(String type, Random r, int o, int end, double[] s, double[] e, double sd, long step,
      int n, boolean[] drop) {
    double mag = sd * (3 + 9 * r.nextDouble());
    switch (type) {
      case "spike" -> {
        int len = 1 + r.nextInt(3);
        for (int i = o; i < Math.min(n, o + len); i++) {
          e[i] += 2 * mag;
        }
      }
      case "dip" -> {
        int len = 1 + r.nextInt(3);
        for (int i = o; i < Math.min(n, o + len); i++) {
          e[i] -= Math.min(2 * mag, Math.abs(s[i]) * 0.9 + 2 * mag * 0.2);
        }
      }
      case "shift_up", "shift_down" -> {
        double d = (type.equals("shift_up") ? 1 : -1) * mag;
        for (int i = o; i < n; i++) {
          s[i] += d;
        }
      }
      case "variance" -> {
        double f = 3 + 3 * r.nextDouble();
        for (int i = o; i < end; i++) {
          e[i] *= f;
        }
        if (isZero(e, o, end)) { // real data: widen the row-to-row changes instead
          for (int i = Math.max(1, o); i < end; i++) {
            e[i] = sd * f * r.nextGaussian();
          }
        }
      }
      case "drift" -> {
        int len = 50 + r.nextInt(300);
        double total = 2 * mag;
        for (int i = o; i < n; i++) {
          s[i] += total * Math.min(1, (i - o + 1) / (double) len);
        }
      }
      case "stop" -> {
        double mean = 0;
        for (int i = Math.max(0, o - 500); i < o; i++) {
          mean += s[i];
        }
        mean /= Math.min(o, 500);
        for (int i = o; i < end; i++) {
          s[i] = mean;
        }
      }
      case "period" -> {
        // the same series played slower from the onset: every cycle after it lasts 1.25-2x as long
        double f = 0.5 + 0.3 * r.nextDouble();
        double[] copy = s.clone();
        for (int i = o; i < end; i++) {
          double q = o + (i - o) * f;
          int qi = (int) q;
          s[i] = copy[qi] + (q - qi) * (copy[Math.min(n - 1, qi + 1)] - copy[qi]);
        }
      }
      case "shape" -> {
        // same period and phase, squashed towards a square wave: the cycle keeps its rhythm, not its form
        double m = 0;
        double q = 0;
        int from = Math.max(0, o - 500);
        for (int i = from; i < o; i++) {
          m += s[i];
        }
        m /= o - from;
        for (int i = from; i < o; i++) {
          q += (s[i] - m) * (s[i] - m);
        }
        double a = Math.sqrt(q / (o - from)) + 1e-12;
        for (int i = o; i < end; i++) {
          s[i] = m + 1.3 * a * Math.tanh(3 * (s[i] - m) / a);
        }
      }
      case "gap" -> {
        int len = Math.max(12, (int) (6 * 3600 / step)) + r.nextInt(200);
        for (int i = o; i < Math.min(n - 1, o + len); i++) {
          drop[i] = true;
        }
      }
      default -> { } // flatline and silence are applied to the final values
    }
  }

  private static boolean isZero(double[] e, int from, int to) {
    for (int i = from; i < to; i++) {
      if (e[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
