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
 * <p>Data flow: {@code DetectionEngine.onReading} -> slot ring (per enterprise, with a count of
 * meters per slot) -> a slot judged once complete or settled, in time order (re-judged by {@code
 * flush()} when a late reading lands in it) -> {@link org.furnacewatch.detect.ResurgenceRule} every
 * slot, {@link org.furnacewatch.detect.FurnaceRule} and {@link
 * org.furnacewatch.detect.LoadShapeRule} every hour, against {@link
 * org.furnacewatch.detect.HourlyBaseline} -> {@link org.furnacewatch.detect.EpisodeTracker} -> {@link
 * org.furnacewatch.detect.Finding}. Complete days older than the learning delay teach the baselines
 * ({@link org.furnacewatch.detect.DailyFeatures}) and feed {@link
 * org.furnacewatch.detect.PeerStage}, which scores days past the horizon with {@link
 * org.furnacewatch.detect.PeerScorer}.
 */
package org.furnacewatch.detect;
