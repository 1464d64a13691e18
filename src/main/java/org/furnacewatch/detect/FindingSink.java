package org.furnacewatch.detect;

/** Receives findings; called on the engine's thread, in event-time order per enterprise. */
@FunctionalInterface
public interface FindingSink {
  void onFinding(Finding finding);
}
