-- Which transaction first stored a reading: its pg_current_xact_id() (64-bit, never wraps), written by the
-- ingest writer with the row. Replays that must know whether a row was in a given snapshot (a profile switch)
-- read this column instead of the system column xmin, which TimescaleDB refuses on compressed chunks (only
-- tableoid is allowed there). It is not changed by a later correction of the value. NULL: stored before this
-- column existed, long committed. Adding a nullable column without default is catalogue-only, also on a
-- hypertable with compressed chunks.
ALTER TABLE readings ADD COLUMN IF NOT EXISTS txid bigint;

-- V2 made readings a plain table whenever the timescaledb extension was available on the server, expecting
-- the service to turn it into a hypertable. When TimescaleDB cannot be used after all (installed but not in
-- shared_preload_libraries, or CREATE EXTENSION not permitted) the service creates no extension before
-- migrating, and the plain table becomes the natively partitioned one here, keeping its rows.
DO $$
DECLARE
  lo timestamptz;
  hi timestamptz;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_class WHERE oid = 'readings'::regclass AND relkind = 'r')
     AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    ALTER TABLE readings RENAME TO readings_unpartitioned;
    ALTER TABLE readings_unpartitioned RENAME CONSTRAINT readings_pkey TO readings_unpartitioned_pkey;
    CREATE TABLE readings (
        meter_key   int NOT NULL,
        ts          timestamptz NOT NULL,
        kwh         double precision,
        register    double precision,
        kw          double precision,
        flags       smallint NOT NULL DEFAULT 0,
        txid        bigint,
        PRIMARY KEY (meter_key, ts)
    ) PARTITION BY RANGE (ts);
    SELECT min(ts), max(ts) INTO lo, hi FROM readings_unpartitioned;
    IF lo IS NOT NULL THEN
      PERFORM ensure_reading_partitions(lo, hi);
      INSERT INTO readings (meter_key, ts, kwh, register, kw, flags, txid)
      SELECT meter_key, ts, kwh, register, kw, flags, txid FROM readings_unpartitioned;
    END IF;
    DROP TABLE readings_unpartitioned;
  END IF;
END $$;
