-- The auditor API (docs/audit.md, "Auditor API and console"). Portable SQL (H2 and PostgreSQL).
-- An unmasking is recorded with its reason code and case reference in the outcome
-- (LAW_ENFORCEMENT_REQUEST:<reference of up to 64 characters>), longer than the 64 characters
-- the outcome had; AuditEntry caps every value at 128.
ALTER TABLE audit_event ALTER COLUMN outcome SET DATA TYPE VARCHAR(128);
-- Filters by event type and the account filter's lookups (events about an account's sessions
-- and results are found through their record ids).
CREATE INDEX ix_audit_type_seq ON audit_event (event_type, seq);
CREATE INDEX ix_audit_record ON audit_event (record_id);
