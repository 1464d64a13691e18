-- Findings of the detection core become alerts: at most one open alert per enterprise and kind; more evidence
-- updates it. Each detector episode (enterprise, kind, first event time) is recorded once, so replaying stored
-- readings after a restart cannot open an alert twice.
CREATE TABLE alerts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enterprise  char(18) NOT NULL REFERENCES enterprises,
    district    char(6) NOT NULL,
    kind        text NOT NULL,
    score       double precision NOT NULL,
    status      text NOT NULL CHECK (status IN ('OPEN','ACKED','RESOLVED','SUPPRESSED','CASE_OPENED')),
    first_ts    timestamptz NOT NULL,
    last_ts     timestamptz NOT NULL,
    summary     text NOT NULL,
    evidence    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    acked_by    text,
    acked_at    timestamptz,
    ack_note    text
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (enterprise, kind) WHERE status IN ('OPEN', 'ACKED');
CREATE INDEX alerts_district_status ON alerts (district, status);

CREATE TABLE alert_episodes (
    episode_key text PRIMARY KEY,
    alert_id    uuid NOT NULL REFERENCES alerts
);

-- Every change of an alert, with who, when and why.
CREATE TABLE alert_history (
    id        bigserial PRIMARY KEY,
    alert_id  uuid NOT NULL REFERENCES alerts,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    action    text NOT NULL,
    note      text
);

-- Declared monthly output (tonnes) and invoiced sales per enterprise, imported by API, for INTENSITY_MISMATCH.
CREATE TABLE enterprise_declarations (
    credit_code  char(18) NOT NULL REFERENCES enterprises,
    month        date NOT NULL,
    output_tonnes double precision,
    sales_yuan   double precision,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    recorded_by  text NOT NULL,
    PRIMARY KEY (credit_code, month)
);
