package org.furnacewatch.detect.series;

/**
 * Finds the dominant period (in rows) of a stretch of a series from its autocorrelation, computed by
 * FFT (Wiener-Khinchin) on the linearly detrended values. The period is the first autocorrelation
 * peak after the first trough below zero that reaches 85 % of the highest peak (so a harmonic at twice the
 * period does not win), and only when that peak stands clear of the trough: noise and random
 * walks yield 0. Work arrays are preallocated; one call costs O(N log N) for N = 2 x capacity.
 */
final class PeriodFinder {
  private static final double MIN_PEAK = 0.3;
  private static final double MIN_RISE = 0.25;

  private final int size;
  private final double[] re;
  private final double[] im;

  PeriodFinder(int capacity) {
    int s = 1;
    while (s < 2 * capacity) {
      s <<= 1;
    }
    size = s;
    re = new double[s];
    im = new double[s];
  }

  /** @return the period in rows within [3, len / 2], or 0 when the stretch shows none */
  int find(double[] values, int from, int len, int mod) {
    if (len < 24) {
      return 0;
    }
    // Least-squares line through the stretch, removed so a trend does not look like a long period.
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < len; i++) {
      double y = values[(from + i) % mod];
      sx += i;
      sy += y;
      sxx += (double) i * i;
      sxy += i * y;
    }
    double det = len * sxx - sx * sx;
    double slope = det == 0 ? 0 : (len * sxy - sx * sy) / det;
    double icpt = (sy - slope * sx) / len;
    for (int i = 0; i < size; i++) {
      re[i] = i < len ? values[(from + i) % mod] - icpt - slope * i : 0;
      im[i] = 0;
    }
    fft(re, im, false);
    for (int i = 0; i < size; i++) {
      re[i] = re[i] * re[i] + im[i] * im[i];
      im[i] = 0;
    }
    fft(re, im, true);
    double r0 = re[0];
    if (!(r0 > 0)) {
      return 0;
    }
    int maxLag = len / 2; // two whole cycles suffice when the peak stands clear
    // r[k] normalised with the overlap length, so long lags are not penalised.
    // A cycle's autocorrelation turns negative before its first peak; then walk down to the trough.
    int lag = 1;
    while (lag < maxLag && acf(lag, len, r0) >= 0) {
      lag++;
    }
    while (lag < maxLag && acf(lag + 1, len, r0) < acf(lag, len, r0)) {
      lag++;
    }
    if (lag >= maxLag) {
      return 0;
    }
    double trough = acf(lag, len, r0);
    double best = -1;
    for (int k = lag; k <= maxLag; k++) {
      best = Math.max(best, acf(k, len, r0));
    }
    if (best < MIN_PEAK || best - trough < MIN_RISE) {
      return 0;
    }
    for (int k = Math.max(lag, 3); k <= maxLag; k++) {
      double a = acf(k, len, r0);
      if (a >= 0.85 * best && a >= acf(k - 1, len, r0) && a >= acf(k + 1, len, r0)) {
        return k;
      }
    }
    return 0;
  }

  private double acf(int k, int len, double r0) {
    return re[k] / r0 * len / (len - k);
  }

  /** In-place iterative radix-2 FFT; the inverse is unscaled (only ratios are used). */
  private static void fft(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wr = Math.cos(ang);
      double wi = Math.sin(ang);
      int half = len >> 1;
      for (int i = 0; i < n; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < half; k++) {
          int a = i + k;
          int b = a + half;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double t = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = t;
        }
      }
    }
  }
}
