package org.furnacewatch.detect;

/**
 * Whether a rest day's load follows the working day's levels, as overtime does (a factor of
 * them, its breaks and shift changes included), or its own rest-day level plus a constant, as a
 * load added does ({@link FlatWindow#testRestDay}). Read on the hours of a {@link HourWindow} whose
 * working levels differ, the hours where work starts or ends left out: their levels move with the
 * time it does, and a Saturday begun half an hour early reads as a constant added through them.
 */
final class WorkShapeFit {
  private static final int H = HourWindow.H;
  private final HourWindow w;
  private final double[] a;
  private final double[] ex;
  private final double[] ownEx;

  /** Squares "plus a constant" and "times a factor" leave unexplained, of the last fit read. */
  double plusResidual;
  double timesResidual;

  WorkShapeFit(HourWindow w) {
    this.w = w;
    this.a = w.a;
    this.ex = w.ex;
    this.ownEx = w.ownEx;
  }

  /**
   * Whether the working day's levels over the hours from k on differ enough to tell a factor of
   * them from a constant added, on a rest day the plant does not usually work (its own level there
   * at most half the working one: where it works some, its own level follows the working day's
   * shape, and so does a constant added to it); if so, both residuals are left in the fields.
   */
  boolean fits(int from) {
    double peak = w.peakBaselineSince(0);
    double low = Double.MAX_VALUE;
    double high = 0;
    double so = 0;
    double so2 = 0;
    double aa = 0;
    double ae = 0;
    double ee = 0;
    double own = 0;
    double working = 0;
    int n = 0;
    for (int k = from; k < H; k++) {
      if (Double.isNaN(a[k]) || !judged(k, peak)) {
        continue; // (an hour the feed left out is bridged)
      }
      own += ownEx[k];
      working += ex[k];
      double over = a[k] - ownEx[k];
      so += over;
      so2 += over * over;
      aa += a[k] * a[k];
      ae += a[k] * ex[k];
      ee += ex[k] * ex[k];
      low = Math.min(low, ex[k]);
      high = Math.max(high, ex[k]);
      n++;
    }
    if (n < MIN_HOURS || high < FlatWindow.OFF_LEVEL * low || own > 0.5 * working) {
      return false;
    }
    plusResidual = HourWindow.constantLeftOver(so, so2, n);
    timesResidual = HourWindow.factorLeftOver(aa, ae, ee);
    return true;
  }

  private static final int MIN_HOURS = 6;

  /** A busy hour of the working day (above half the peak) where work neither starts nor ends. */
  private boolean judged(int k, double peak) {
    return ex[k] > 0.5 * peak && !startOrEndOfWork(k, peak);
  }

  /**
   * Whether hour k's working-day level lies between its neighbours', apart from both by a twentieth
   * of the peak: an hour work starts or ends in. The newest hour, whose next is not known yet, is
   * one wherever it lies that far from the hour before.
   */
  private boolean startOrEndOfWork(int k, double peak) {
    if (k == 0) {
      return false;
    }
    if (k == H - 1) {
      return Math.abs(ex[k] - ex[k - 1]) > RAMP_GAP * peak;
    }
    double before = ex[k - 1];
    double after = ex[k + 1];
    double gap = Math.min(Math.abs(ex[k] - before), Math.abs(ex[k] - after));
    return (before - ex[k]) * (ex[k] - after) > 0 && gap > RAMP_GAP * peak;
  }

  private static final double RAMP_GAP = 0.05;
}
