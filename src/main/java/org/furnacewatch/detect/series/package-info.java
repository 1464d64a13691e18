/**
 * Anomaly scores for any single series with no registry context ({@code POST /api/v1/series/score},
 * through {@link org.furnacewatch.detect.SeriesScorer}): any step, scale and length, causal,
 * deterministic, no parameters.
 *
 * <p>Data flow per row, in time order: {@link org.furnacewatch.detect.series.SeriesDetector} updates
 * its predictors (last value, level + seasonal profile, seasonal step), moving levels and error sizes,
 * and reduces them to eight statistics (point residual, fast and slow level change, volatility up and
 * down, flat run, gap, seasonal error); each {@link org.furnacewatch.detect.series.TailCalibrator}
 * turns its statistic into a tail probability against everything that statistic showed before
 * (histogram bulk, generalised Pareto tail); the smallest, times eight, is the row's probability;
 * {@link org.furnacewatch.detect.series.AlarmSuppressor} mutes the rest of an episode; the score is
 * 1 - p. {@link org.furnacewatch.detect.series.PeriodFinder} looks for a cycle by FFT autocorrelation
 * now and then; a rare row makes the long baselines learn fast for a while, so a lasting change is the
 * new normal within about 64 rows.
 *
 * <p>Why tail probabilities: the benchmark that judges this (a window reward with one threshold for the
 * whole corpus) needs a score that means the same on every series. Raw distances do not; a calibrated
 * p does: on noise of any kind and scale at most about 0.4 % of rows score above 0.99
 * ({@code benchmarks/README.md}, section "Series scorer").
 *
 * <p>Nothing here does I/O. State is primitive arrays, allocated once per series; about 4 M rows/s on
 * one core of the shared development machine ({@code SeriesScorerBenchmark}).
 */
package org.furnacewatch.detect.series;
