package org.furnacewatch.detect;

/** Which hours a FLAT_CONTINUOUS finding was read on: what its explanation can claim. */
enum FlatHours {
  /** Idle and busy hours alike, by day and by night. */
  AROUND_THE_CLOCK,
  /** A working day's busy hours alone: a two-shift plant's onset day, its night not delivered. */
  WORKING_HOURS,
  /**
   * A working day's busy hours and the few idle hours after its work ended: a two-shift plant's
   * onset day, its night not delivered.
   */
  WORKING_HOURS_AND_AFTER,
  /** A rest day's hours the plant did not work: a weekend's onset, its next night not delivered. */
  REST_DAY
}
