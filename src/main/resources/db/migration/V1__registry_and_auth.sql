-- Registry, tokens and the admin audit trail. Every dated change is a new row; nothing is updated in place
-- except the "current" pointers, so detection can judge each reading by what the enterprise was at its time.

CREATE TABLE districts (
    code        char(6) PRIMARY KEY,
    name        text NOT NULL,
    parent      char(6),
    receivers   jsonb NOT NULL DEFAULT '[]',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprises (
    credit_code char(18) PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per PUT: the whole record as it applies from effective_from until the next version's effective_from.
CREATE TABLE enterprise_versions (
    credit_code     char(18) NOT NULL REFERENCES enterprises,
    effective_from  timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    recorded_by     text NOT NULL,
    name            text NOT NULL,
    district        char(6) NOT NULL REFERENCES districts,
    industry        char(4) NOT NULL,
    status          text NOT NULL CHECK (status IN ('OPERATING','SUSPENDED','RECTIFYING','CLOSED','SEALED','BANNED')),
    capacity_kva    double precision NOT NULL CHECK (capacity_kva > 0),
    equipment       jsonb NOT NULL DEFAULT '[]',
    meters          jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (credit_code, effective_from, recorded_at)
);
CREATE INDEX enterprise_versions_district ON enterprise_versions (district);

-- Meters get a compact integer key for the readings table. Which enterprise owns a meter, and with what
-- CT x PT multiplier, follows from the dated enterprise_versions (their meters list).
CREATE TABLE meters (
    meter_key   serial PRIMARY KEY,
    meter_id    text NOT NULL UNIQUE
);

CREATE TABLE tokens (
    id          bigserial PRIMARY KEY,
    token_hash  bytea NOT NULL UNIQUE,
    role        text NOT NULL CHECK (role IN ('feed','district','analyst','admin')),
    district    char(6),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    revoked_at  timestamptz,
    CHECK ((role = 'district') = (district IS NOT NULL))
);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    subject     text NOT NULL,
    detail      jsonb NOT NULL DEFAULT '{}'
);
