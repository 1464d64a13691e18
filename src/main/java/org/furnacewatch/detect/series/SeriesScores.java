package org.furnacewatch.detect.series;

/**
 * The score stream of one series: {@link SeriesDetector}'s tail probability, muted within an
 * episode by {@link AlarmSuppressor}, as 1 - p (near 1 is rare). Feed rows in time order.
 */
public final class SeriesScores {
  private final SeriesDetector detector = new SeriesDetector();
  private final AlarmSuppressor suppressor = new AlarmSuppressor();

  /** @return the row's score in [0, 1) */
  public double next(long epochSecond, double value) {
    double p = suppressor.report(detector.update(epochSecond, value));
    return p >= 0 && p <= 1 ? 1 - p : 0; // the contract's [0, 1] even if values near 1e308 overflow the state
  }
}
