-- Compliance cases (issue 5). The history (case_events) is the truth and is append-only: a trigger rejects every
-- UPDATE, DELETE and TRUNCATE, so no API and no SQL session can rewrite who did what, when and why. The cases row is
-- a snapshot of the history for lists and filters; it is rewritten only together with a new event.

-- Lead and cooperating departments per district and dimension (defaults are in the code, DOMAIN.md's table).
CREATE TABLE case_departments (
    district     char(6) NOT NULL REFERENCES districts,
    dimension    text NOT NULL CHECK (dimension IN ('ENERGY','ENVIRONMENT','QUALITY','SAFETY','TECHNOLOGY')),
    lead         text NOT NULL,
    cooperating  jsonb NOT NULL DEFAULT '[]',
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text NOT NULL,
    PRIMARY KEY (district, dimension)
);

-- A district's dismantling period (限时拆除; the seeds set none, so each district sets its own).
CREATE TABLE case_policies (
    district          char(6) PRIMARY KEY REFERENCES districts,
    dismantle_months  int NOT NULL CHECK (dismantle_months BETWEEN 1 AND 24),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text NOT NULL
);

CREATE SEQUENCE case_numbers;

CREATE TABLE cases (
    id                       text PRIMARY KEY,
    enterprise               char(18) NOT NULL REFERENCES enterprises,
    enterprise_name          text NOT NULL,
    district                 char(6) NOT NULL REFERENCES districts,
    source                   text NOT NULL CHECK (source IN ('ALERT','TIP_OFF','INSPECTION')),
    alert_id                 uuid REFERENCES alerts,
    dimensions               text[] NOT NULL,
    suspected_ditiaogang     boolean NOT NULL,
    ditiaogang               boolean NOT NULL,
    lead_department          text NOT NULL,
    cooperating_departments  jsonb NOT NULL,
    state                    text NOT NULL,
    opened_at                timestamptz NOT NULL,
    rectification_deadline   date,
    dismantle_deadline       date,
    red_since                timestamptz,
    closed_at                timestamptz,
    events                   int NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_district_state ON cases (district, state);
CREATE INDEX cases_enterprise ON cases (enterprise);
CREATE UNIQUE INDEX cases_one_per_alert ON cases (alert_id) WHERE alert_id IS NOT NULL;

CREATE TABLE case_events (
    case_id      text NOT NULL REFERENCES cases,
    seq          int NOT NULL CHECK (seq >= 1),
    action       text NOT NULL,
    at           timestamptz NOT NULL,
    by_whom      text NOT NULL,
    note         text,
    detail       jsonb NOT NULL DEFAULT '{}',
    state_after  text NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    recorded_by  text NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- Files attached to a case; the SHA-256 is taken on receipt and checked on every download.
CREATE TABLE case_evidence (
    id            uuid PRIMARY KEY,
    case_id       text NOT NULL REFERENCES cases,
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        char(64) NOT NULL,
    content       bytea NOT NULL,
    note          text,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    uploaded_by   text NOT NULL
);
CREATE INDEX case_evidence_case ON case_evidence (case_id);

-- What a case found about the alert it came from (CONFIRMED or FALSE). When the labels table (alert_labels, the
-- labels work) exists, the same outcome is written there too; this table keeps the case's own record either way.
CREATE TABLE case_alert_outcomes (
    alert_id     uuid PRIMARY KEY REFERENCES alerts,
    case_id      text NOT NULL REFERENCES cases,
    outcome      text NOT NULL CHECK (outcome IN ('CONFIRMED','FALSE')),
    decided_at   timestamptz NOT NULL,
    recorded_by  text NOT NULL
);

CREATE FUNCTION reject_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % rejected (案件历史与证据只能追加，不能修改或删除)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- Statement-level, so even an UPDATE or DELETE that matches no row is refused.
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER case_evidence_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON case_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
