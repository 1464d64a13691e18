package org.furnacewatch.bench.series;

/**
 * One corpus series: regular or gapped timestamps (epoch seconds), values, and the row index of each
 * injected anomaly's onset with its type.
 */
record LabelledSeries(String name, String kind, long[] ts, double[] values, int[] onsets, String[] types) {}
