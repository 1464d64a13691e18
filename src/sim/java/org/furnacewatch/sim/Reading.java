package org.furnacewatch.sim;

/**
 * One reading as posted to {@code /api/v1/readings}: meter id, {@code ts} (ISO-8601 with offset, end of the
 * 15-minute interval), and exactly one of {@code kwh} or {@code register} (the other is NaN).
 * {@code epochSecond} is {@code ts} as seconds, for sorting and tests.
 */
public record Reading(String meter, String ts, long epochSecond, double kwh, double register) {
    public boolean isRegister() {
        return !Double.isNaN(register);
    }

    /** The value sent: kwh or register. */
    public double value() {
        return isRegister() ? register : kwh;
    }
}
