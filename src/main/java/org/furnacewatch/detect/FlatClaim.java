package org.furnacewatch.detect;

/**
 * What a FLAT_CONTINUOUS finding may claim: the hours its window judged and what each was tested
 * on. Read on a working day's busy hours or a rest day's, every hour was raised by excessKw or
 * more. Around the clock, the floor hours were (but one shoulder hour, where left out), and the
 * hours the plant works were compared by their mean excess only, or not at all where the window
 * held none to compare (a weekend, a holiday, a night).
 *
 * @param read which hours were judged: around the clock, or a working or rest day's alone
 * @param hours hours the window judged, to the judged slot: 16, or a first evening's run
 * @param excessKw least excess of the hours tested one by one: the flat load's kW
 * @param shoulderLeftOut around the clock, one floor hour (a working day's shoulder, whose time
 *     moves from day to day) was let fall short of excessKw
 * @param floorHours around the clock, the floor hours (idle ones) among them; on a working day's
 *     run, the idle hours after its work
 * @param workedHours around the clock, the hours at work compared by their mean excess (0: none)
 * @param workedExcessKw their mean excess
 * @param workedAtRest whether those were rest-day hours the plant always works
 */
record FlatClaim(FlatHours read, int hours, double excessKw, boolean shoulderLeftOut,
    int floorHours, int workedHours, double workedExcessKw, boolean workedAtRest) {

  /** Every hour of the run tested one by one: a working day's busy hours, or a rest day's. */
  static FlatClaim everyHour(FlatHours read, int hours, double excessKw) {
    return new FlatClaim(read, hours, excessKw, false, hours, 0, Double.NaN, false);
  }

  /**
   * Every hour of a working day's run tested one by one, its busy hours and the idle hours after
   * its work ended (floorHours).
   */
  static FlatClaim workingHoursAndAfter(int hours, int idleAfter, double excessKw) {
    return new FlatClaim(FlatHours.WORKING_HOURS_AND_AFTER, hours, excessKw, false, idleAfter, 0,
        Double.NaN, false);
  }

  /**
   * Whether hours at work carried the excess too: a working or rest day's hours read one by one,
   * or hours at work compared around the clock. A floor alone (a holiday, a night) may be a level
   * shift's floor multiplied.
   */
  boolean workConfirmed() {
    return read != FlatHours.AROUND_THE_CLOCK || workedHours > 0;
  }

  /** The threshold crossed, as the finding lists it: what was tested, hour by hour or by mean. */
  String thresholdLine(double maxExcessCv) {
    String cv = ", excess cv <= " + maxExcessCv;
    if (read != FlatHours.AROUND_THE_CLOCK) {
      return "every one of the last " + hours
          + switch (read) {
            case WORKING_HOURS -> " working";
            case WORKING_HOURS_AND_AFTER -> " working (" + floorHours + " idle after work)";
            default -> " rest-day";
          } + " hours raised by >= "
          + DetectionEngine.fmt(excessKw) + " kW" + cv;
    }
    return (shoulderLeftOut ? "all but one shoulder hour of the " : "every one of the ")
        + floorHours + " floor hours of the last " + hours + " raised by >= "
        + DetectionEngine.fmt(excessKw) + " kW" + cv
        + (workedHours == 0 ? "" : "; " + workedHours
            + (workedAtRest ? " rest-day hours worked" : " working-day busy hours")
            + " raised by " + DetectionEngine.fmt(workedExcessKw) + " kW on average");
  }
}
