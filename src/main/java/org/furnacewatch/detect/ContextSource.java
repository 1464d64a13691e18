package org.furnacewatch.detect;

/**
 * What the registry knew about an enterprise at an event time. Implemented by the service from its
 * dated registry history; must be a pure function of its arguments for a given history, so that a
 * replay judges every reading exactly as live processing did.
 *
 * <p>The engine calls it at most once per enterprise per local day, plus once more whenever
 * {@link EnterpriseContext#validUntil()} ends before that day does, so it need not be fast.
 */
@FunctionalInterface
public interface ContextSource {
  /**
   * @param enterpriseIdx the engine's dense enterprise index
   * @param tsEpochSecond event time (epoch seconds)
   * @return the record in force at that time, never null (return {@link EnterpriseContext#UNKNOWN})
   */
  EnterpriseContext at(int enterpriseIdx, long tsEpochSecond);
}
