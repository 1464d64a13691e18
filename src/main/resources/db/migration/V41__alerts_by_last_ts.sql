-- The alert list is read newest first (last_ts DESC, then id) and paged by keyset (issue 13): these indexes serve
-- the first page and every later one from the index alone, however many alerts a long run has accumulated.
CREATE INDEX alerts_last_ts_id ON alerts (last_ts DESC, id DESC);
CREATE INDEX alerts_district_last_ts_id ON alerts (district, last_ts DESC, id DESC);
