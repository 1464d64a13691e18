-- Issue 10: an account (户号) that no registered enterprise owns, at a site nobody closed, can still raise an alert
-- (a home workshop running furnace heats): such an alert names the account and no enterprise. At most one open alert
-- per account and kind, as for enterprises.
ALTER TABLE alerts ALTER COLUMN enterprise DROP NOT NULL;
ALTER TABLE alerts ADD COLUMN account text;
ALTER TABLE alerts ADD CONSTRAINT alerts_names_enterprise_or_account CHECK (enterprise IS NOT NULL OR account IS NOT NULL);
CREATE UNIQUE INDEX alerts_one_open_account ON alerts (account, kind) WHERE enterprise IS NULL AND status IN ('OPEN', 'ACKED');
