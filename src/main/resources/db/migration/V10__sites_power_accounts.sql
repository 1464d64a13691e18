-- Issue 10: the power company's customer file (户号), the sites (places) enterprises and accounts occupy over time,
-- and readings of meters nobody has registered yet.

-- Rows of meters nobody registered: kept, listed for the feed, moved into readings once the meter is registered.
CREATE TABLE unregistered_readings (
    meter_id     text NOT NULL,
    ts           timestamptz NOT NULL,
    kwh          double precision,
    register     double precision,
    kw           double precision,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (meter_id, ts)
);

-- A place: one per (district, normalised address). Transformer (台区) and coordinates where known.
CREATE TABLE sites (
    site_id      bigserial PRIMARY KEY,
    district     char(6) NOT NULL,
    address_key  text NOT NULL,
    address      text NOT NULL,
    transformer  text,
    lat          double precision,
    lon          double precision,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (district, address_key)
);

-- One row per change of a power-company account (户号): what it was from effective_from on. digest makes a
-- re-sent file idempotent (an unchanged account adds no row).
CREATE TABLE power_account_versions (
    account_no      text NOT NULL,
    effective_from  timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by     text NOT NULL,
    name            text,
    address         text NOT NULL,
    district        char(6) NOT NULL,
    site_id         bigint NOT NULL REFERENCES sites,
    category        text,
    capacity_kva    double precision,
    transformer     text,
    lat             double precision,
    lon             double precision,
    enterprise      char(18),
    opened_on       date,
    closed_on       date,
    meters          jsonb NOT NULL DEFAULT '[]',
    digest          text NOT NULL,
    PRIMARY KEY (account_no, effective_from, recorded_at)
);
CREATE INDEX power_account_versions_district ON power_account_versions (district);
CREATE INDEX power_account_versions_site ON power_account_versions (site_id);

-- Where an enterprise is (its site) and who represents it (法定代表人), dated like its registry record.
CREATE TABLE enterprise_sites (
    credit_code           char(18) NOT NULL REFERENCES enterprises,
    effective_from        timestamptz NOT NULL,
    recorded_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    site_id               bigint REFERENCES sites,
    legal_representative  text,
    PRIMARY KEY (credit_code, effective_from, recorded_at)
);
CREATE INDEX enterprise_sites_site ON enterprise_sites (site_id);
