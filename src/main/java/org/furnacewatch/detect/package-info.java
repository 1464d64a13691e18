/**
 * The statistical core of Furnace Watch (地条钢用电监测): streaming detection over 15-minute
 * meter readings.
 *
 * <p>Nothing here does I/O, logging or reads a wall clock: readings arrive with their event time
 * (epoch seconds of the interval END), the registry's dated history arrives through
 * {@link org.furnacewatch.detect.ContextSource}, and findings leave through
 * {@link org.furnacewatch.detect.FindingSink}. The hot state lives in primitive arrays owned by
 * {@link org.furnacewatch.detect.DetectionEngine}.
 *
 * <p>Data flow: {@code DetectionEngine.onReading} -> slot ring (per enterprise) -> slot finalized by
 * the event-time watermark -> slot rules ({@link org.furnacewatch.detect.ResurgenceRule},
 * {@link org.furnacewatch.detect.FurnaceCycleDetector}) -> day closed -> {@link
 * org.furnacewatch.detect.DailyFeatures} -> day rules ({@link org.furnacewatch.detect.SeasonalBaseline})
 * and the day's {@link org.furnacewatch.detect.PeerScorer} run -> {@link
 * org.furnacewatch.detect.EpisodeTracker} -> {@link org.furnacewatch.detect.Finding}.
 */
package org.furnacewatch.detect;
