-- Issue 11: deadlines chase people. Every running deadline (a tip-off's verification, rectification, 停产整顿,
-- dismantling, a report's due date) is one row here with the times its reminder and escalation are due, computed on the
-- Chinese working calendar; the reminder goes to the district's receivers, the escalation to the parent's, through the
-- same outbox as alerts (deliveries with a chase_key instead of an alert_id, payload rendered when queued).
CREATE TABLE deadline_chases (
    key           text PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('VERIFICATION','RECTIFICATION','SAFETY_STOP','DISMANTLE','REPORT')),
    subject       text NOT NULL,
    district      char(6) NOT NULL,
    title         text NOT NULL,
    due           date NOT NULL,
    remind_at     timestamptz NOT NULL,
    escalate_at   timestamptz NOT NULL,
    reminded_at   timestamptz,
    escalated_at  timestamptz,
    ended_at      timestamptz
);
CREATE INDEX deadline_chases_live ON deadline_chases (district) WHERE ended_at IS NULL;

ALTER TABLE deliveries ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN chase_key text REFERENCES deadline_chases;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_alert_or_chase CHECK (alert_id IS NOT NULL OR chase_key IS NOT NULL);
CREATE UNIQUE INDEX deliveries_one_per_chase ON deliveries (chase_key, purpose, receiver_key) WHERE chase_key IS NOT NULL;

-- 通报 and 约谈: what a city (or province) records against a slow district. Append-only.
CREATE TABLE district_supervision (
    id           bigserial PRIMARY KEY,
    district     char(6) NOT NULL REFERENCES districts,
    kind         text NOT NULL CHECK (kind IN ('CIRCULAR','SUMMONS')),
    at           timestamptz NOT NULL,
    by_whom      text NOT NULL,
    note         text NOT NULL,
    overdue      jsonb NOT NULL DEFAULT '[]',
    recorded_at  timestamptz NOT NULL,
    recorded_by  text NOT NULL
);
CREATE INDEX district_supervision_district ON district_supervision (district, at);
CREATE TRIGGER district_supervision_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON district_supervision
    FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();

-- Reports generated on their due dates and kept (CSV and printable page as they were that day). Append-only.
CREATE TABLE report_runs (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL,
    period        text NOT NULL,
    scope         char(6) NOT NULL,
    due           date NOT NULL,
    generated_at  timestamptz NOT NULL,
    title         text NOT NULL,
    csv           text NOT NULL,
    html          text NOT NULL,
    rows          int NOT NULL,
    UNIQUE (kind, period, scope)
);
CREATE TRIGGER report_runs_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON report_runs
    FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
