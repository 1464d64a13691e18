package org.furnacewatch.cases;

/** An action the rules forbid: answered 409 with the rule's code, text and source. */
public final class RuleViolation extends RuntimeException {
    public final Rule rule;

    public RuleViolation(Rule rule, String detail) {
        super(rule.message() + (detail == null ? "" : " — " + detail));
        this.rule = rule;
    }
}
