-- Meter readings: one row per (meter, interval end). kwh is NULL only for a register reading that has no
-- predecessor yet (a baseline, not zero consumption). flags: 1 = register went backwards (meter replaced),
-- 2 = register rollover; detection must not read these as a level shift.
-- With TimescaleDB the table becomes a hypertable (Java side, after this migration); otherwise it is
-- range-partitioned by month and the writer creates partitions ahead of the data.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE TABLE readings (
        meter_key   int NOT NULL,
        ts          timestamptz NOT NULL,
        kwh         double precision,
        register    double precision,
        kw          double precision,
        flags       smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (meter_key, ts)
    );
  ELSE
    CREATE TABLE readings (
        meter_key   int NOT NULL,
        ts          timestamptz NOT NULL,
        kwh         double precision,
        register    double precision,
        kw          double precision,
        flags       smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (meter_key, ts)
    ) PARTITION BY RANGE (ts);
  END IF;
END $$;

-- A different value for an existing (meter, ts) replaces it; the value it replaced is kept here.
CREATE TABLE reading_corrections (
    id            bigserial PRIMARY KEY,
    meter_key     int NOT NULL,
    ts            timestamptz NOT NULL,
    old_kwh       double precision,
    new_kwh       double precision,
    old_register  double precision,
    new_register  double precision,
    reason        text NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reading_corrections_meter_ts ON reading_corrections (meter_key, ts);

-- Creates the monthly partitions covering [from_ts, to_ts] when readings is natively partitioned.
CREATE FUNCTION ensure_reading_partitions(from_ts timestamptz, to_ts timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', from_ts AT TIME ZONE 'UTC')::date;
  last date := date_trunc('month', to_ts AT TIME ZONE 'UTC')::date;
  part text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid WHERE c.relname = 'readings') THEN
    RETURN;
  END IF;
  WHILE m <= last LOOP
    part := 'readings_' || to_char(m, 'YYYYMM');
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF readings FOR VALUES FROM (%L) TO (%L)',
                     part, (m::timestamp AT TIME ZONE 'UTC'), ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;
