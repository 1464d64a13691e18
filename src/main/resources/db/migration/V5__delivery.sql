-- Alert delivery (issue 4): severity, routing, silences and a transactional outbox. An alert and its deliveries are
-- written in one transaction (the AlertStore open hook); the delivery worker keeps its whole state here, so
-- pending deliveries survive restarts. Times written by the delivery code come from its injected clock.

ALTER TABLE alerts ADD COLUMN severity text CHECK (severity IN ('CRITICAL','HIGH','MEDIUM','LOW'));

-- The one routing configuration (ack deadline, working hours, reminders, retries), changed by admins via the API;
-- who changed it is also in audit_log.
CREATE TABLE routing_config (
    id          smallint PRIMARY KEY CHECK (id = 1),
    config      jsonb NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);

-- When an open alert is due for a reminder and an escalation, computed from when it was opened and the routing
-- configuration (working hours and the Chinese calendar); recomputed when the configuration changes.
CREATE TABLE alert_routing (
    alert_id     uuid PRIMARY KEY REFERENCES alerts,
    opened_at    timestamptz NOT NULL,
    remind_at    timestamptz,
    escalate_at  timestamptz,
    reminded_at  timestamptz,
    escalated_at timestamptz
);
CREATE INDEX alert_routing_remind ON alert_routing (remind_at) WHERE reminded_at IS NULL;
CREATE INDEX alert_routing_escalate ON alert_routing (escalate_at) WHERE escalated_at IS NULL;

-- The outbox: one row per (alert, purpose, receiver). The receiver is a snapshot of the district's receiver entry
-- at the time; the payload is rendered at the first attempt and then sent unchanged on every retry.
CREATE TABLE deliveries (
    id               bigserial PRIMARY KEY,
    alert_id         uuid NOT NULL REFERENCES alerts,
    purpose          text NOT NULL CHECK (purpose IN ('NEW','REMINDER','ESCALATION')),
    district         char(6) NOT NULL,
    receiver_key     text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('webhook','email','sms')),
    receiver         jsonb NOT NULL,
    idempotency_key  text NOT NULL UNIQUE,
    status           text NOT NULL CHECK (status IN ('PENDING','DELIVERED','PARKED')),
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    leased           boolean NOT NULL DEFAULT false,
    last_error       text,
    payload          text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    parked_at        timestamptz,
    UNIQUE (alert_id, purpose, receiver_key)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_status ON deliveries (status, created_at);

-- Silences: findings of an enterprise (and kind, or every kind when NULL) inside [starts_at, ends_at) are kept as
-- SUPPRESSED alerts and not delivered.
CREATE TABLE silences (
    id          uuid PRIMARY KEY,
    enterprise  char(18) NOT NULL REFERENCES enterprises,
    kind        text,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
    reason      text NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    deleted_by  text,
    deleted_at  timestamptz
);
CREATE INDEX silences_enterprise ON silences (enterprise, kind) WHERE deleted_at IS NULL;

-- Keys the service generates once and keeps (the evidence-link signing key).
CREATE TABLE service_keys (
    name  text PRIMARY KEY,
    key   bytea NOT NULL
);
