-- Issue 11: inspection planning. Routine 地条钢 patrols (seeds/002 “定期对全区企业开展‘地条钢’巡查”) and 双随机、一公开
-- random checks (seeds/000 “将钢铁、水泥产品生产许可获证企业监督检查纳入‘双随机、一公开’抽查计划，实行100%全覆盖检查”).
-- A plan is drawn once and never rewritten: its seed, method, the population it was drawn from and the inspector list
-- are kept, so anyone can re-draw it and verify. Its checks carry their results as they come in.

-- A district's inspectors (执法检查人员名录): the second 随机 draws from it.
CREATE TABLE inspectors (
    district    char(6) NOT NULL REFERENCES districts,
    id          text NOT NULL,
    name        text NOT NULL,
    unit        text,
    active      boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL,
    PRIMARY KEY (district, id)
);

CREATE TABLE inspection_plans (
    id                  text PRIMARY KEY,
    district            char(6) NOT NULL REFERENCES districts,
    kind                text NOT NULL CHECK (kind IN ('PATROL','RANDOM')),
    title               text NOT NULL,
    seed                text NOT NULL,
    method              text NOT NULL,
    rate                double precision,
    sample_count        int,
    inspectors_per_check int NOT NULL,
    industries          jsonb NOT NULL DEFAULT '[]',
    population          jsonb NOT NULL,
    inspectors          jsonb NOT NULL,
    due                 date NOT NULL,
    drawn_at            timestamptz NOT NULL,
    drawn_by            text NOT NULL
);
CREATE INDEX inspection_plans_district ON inspection_plans (district, drawn_at);
CREATE TRIGGER inspection_plans_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON inspection_plans
    FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();

CREATE TABLE inspection_checks (
    plan_id      text NOT NULL REFERENCES inspection_plans,
    seq          int NOT NULL,
    enterprise   text NOT NULL,
    name         text NOT NULL,
    stratum      text NOT NULL,
    draw_key     text NOT NULL,
    inspectors   jsonb NOT NULL,
    due          date NOT NULL,
    result       text CHECK (result IN ('NO_PROBLEM','PROBLEM_FOUND')),
    result_at    timestamptz,
    result_by    text,
    note         text,
    case_id      text,
    recorded_at  timestamptz,
    recorded_by  text,
    PRIMARY KEY (plan_id, seq)
);
CREATE INDEX inspection_checks_open ON inspection_checks (due) WHERE result IS NULL;

-- an open check's due date is chased like any other deadline
ALTER TABLE deadline_chases DROP CONSTRAINT deadline_chases_kind_check;
ALTER TABLE deadline_chases ADD CONSTRAINT deadline_chases_kind_check
    CHECK (kind IN ('VERIFICATION','RECTIFICATION','SAFETY_STOP','DISMANTLE','REPORT','INSPECTION'));
