-- Reconciliation of sessions left PENDING (browser closed, gateway restarted, return lost).
-- A gateway instance claims a session for a short lease before asking the provider, so with
-- several instances exactly one works on a session at a time. Portable SQL (H2 and PostgreSQL).
ALTER TABLE verification_session ADD COLUMN reconcile_claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE verification_session ADD COLUMN reconcile_claimed_by VARCHAR(64);
ALTER TABLE verification_session ADD COLUMN reconcile_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE verification_session ADD COLUMN next_reconcile_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_session_reconcile ON verification_session (status, next_reconcile_at);
