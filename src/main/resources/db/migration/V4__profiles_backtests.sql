-- Detection profiles by API: every change is a new version (the whole document: default, industry and district
-- overrides). The highest version is the one in force. When the table is empty at start, the shipped
-- models/default-profile.json is stored as version 1.
CREATE TABLE detection_profile_versions (
    version     int PRIMARY KEY CHECK (version >= 1),
    document    jsonb NOT NULL,
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    reason      text
);

-- Outcome of an alert after the district checked it on site; backtests measure precision and recall
-- against these. One label per alert: a new label replaces the old one (alert_history keeps every change).
CREATE TABLE alert_labels (
    alert_id     uuid PRIMARY KEY REFERENCES alerts,
    outcome      text NOT NULL CHECK (outcome IN ('CONFIRMED', 'FALSE')),
    cause        text,
    note         text,
    labelled_by  text NOT NULL,
    labelled_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_labels_outcome ON alert_labels (outcome);

-- Backtests: what a profile would have flagged over stored readings. The result is kept for later reading.
CREATE TABLE backtests (
    id            uuid PRIMARY KEY,
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    request       jsonb NOT NULL,
    state         text NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    finished_at   timestamptz,
    result        jsonb
);
