-- A result's standing after it was written: VALID, DISPUTED (the person said "this was not me";
-- auditors see it and the platform is told) or ERASED (the account was erased: its data key
-- is destroyed, so the identity ciphertext can no longer be read). Outcome and times never
-- change; only the standing does. The values are enforced by the application (ResultStatus):
-- no CHECK constraint, because H2 reports a CHECK added by ALTER TABLE as invalid once the
-- in-memory test database outlives a Quarkus restart. Portable SQL (H2 and PostgreSQL).
ALTER TABLE verification_result ADD COLUMN status VARCHAR(16) DEFAULT 'VALID' NOT NULL;
ALTER TABLE verification_result ADD COLUMN disputed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE verification_result ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_result_verified ON verification_result (verified_at, id);
