package org.furnacewatch.inspect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A drawn inspection plan as published (一公开): what was drawn, from what, how, by whom, and each check's result.
 * {@code population} and {@code inspectors} are the plan's inputs as they were at the draw, so it can be drawn again.
 */
public record Plan(String id, String district, PlanKind kind, String title, String seed, String method, Double rate, Integer count,
                   int inspectorsPerCheck, List<String> industries, List<Draw.Candidate> population, List<Inspector> inspectors,
                   LocalDate due, Instant drawnAt, String drawnBy, List<Check> checks) {

    /** A district's inspector (执法检查人员). */
    public record Inspector(String id, String name, String unit, boolean active) {}

    /** One check: an enterprise drawn, its inspectors, its due date and (once recorded) its result. */
    public record Check(int seq, String enterprise, String name, Stratum stratum, String key, List<String> inspectors, LocalDate due,
                        String result, Instant resultAt, String resultBy, String note, String caseId) {
        public boolean open() {
            return result == null;
        }
    }

    public List<String> activeInspectorIds() {
        return inspectors.stream().filter(Inspector::active).map(Inspector::id).toList();
    }
}
