-- The Chinese working calendar (issue 13): the shipped file calendar/cn-workdays.json holds the years known at
-- release; a year an admin stores here (PUT /api/v1/calendar/{year}, when the State Council publishes its notice)
-- replaces the shipped one from then on, across restarts. Every change is also in audit_log.
CREATE TABLE calendar_years (
    year        integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    document    jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text NOT NULL
);
