-- Issue 11: cases against an address (a tip-off about an unregistered site), confidential reporter contact,
-- verification deadlines, mining cases; the audit log becomes append-only like the case history.

-- A case may concern a site (an address) before anyone knows which enterprise runs it: the enterprise is filled in
-- when the verified site is registered (REGISTER_ENTERPRISE). The site is a small address reference kept on the case,
-- so it can later link to a registered Site (issue 10).
ALTER TABLE cases ALTER COLUMN enterprise DROP NOT NULL;
ALTER TABLE cases ALTER COLUMN enterprise_name DROP NOT NULL;
ALTER TABLE cases ADD COLUMN site_address text;
ALTER TABLE cases ADD COLUMN site_ref text;
ALTER TABLE cases ADD COLUMN channel text CHECK (channel IN ('HOTLINE_12345','NATIONAL_DTG_HOTLINE','LETTER','WALK_IN','ONLINE','OTHER'));
ALTER TABLE cases ADD COLUMN mining boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN verification_deadline date;
ALTER TABLE cases ADD CONSTRAINT cases_enterprise_or_site CHECK (enterprise IS NOT NULL OR site_address IS NOT NULL);
CREATE INDEX cases_open_verification ON cases (verification_deadline) WHERE state = 'OPEN';

-- Who reported a tip-off: kept apart from the case history (which the city and analysts read); only the handling
-- district is shown it. Anonymous tips keep no contact.
CREATE TABLE case_reporters (
    case_id     text PRIMARY KEY REFERENCES cases,
    anonymous   boolean NOT NULL,
    contact     jsonb NOT NULL DEFAULT '{}',
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- The audit log is append-only: no API and no SQL session rewrites who changed what.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
