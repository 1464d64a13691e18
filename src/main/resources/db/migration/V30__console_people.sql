-- Issue 12: people who sign in to the console (district officers, city offices, analysts, admins), created by an
-- admin. Machines keep their API tokens (table tokens); people get sessions. Not "accounts": that word is the power
-- company's customer account (户号).
CREATE TABLE console_users (
    id                  bigserial PRIMARY KEY,
    login               text NOT NULL UNIQUE,
    name                text NOT NULL,
    unit                text NOT NULL DEFAULT '',
    role                text NOT NULL CHECK (role IN ('district','analyst','admin')),
    jurisdiction        char(6),
    password_hash       text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text NOT NULL,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    disabled_at         timestamptz,
    CHECK ((role = 'district') = (jurisdiction IS NOT NULL))
);

-- A session is a random 32-byte cookie value kept only as its SHA-256, with its CSRF token and a hard expiry.
CREATE TABLE console_sessions (
    id_hash     bytea PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES console_users,
    csrf        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    ended_at    timestamptz
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);
