-- Consent and minors (issue 5). Portable SQL: runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
--
-- consent_record gains how consent was given (channel: h5, desktop, desktop-handoff; NULL for
-- records written before this migration), the digest algorithm of rules_digest (records before
-- this migration hold SHA-256, new ones SM3), and for a child under the guardian age the
-- guardian's declaration: the relation in plain (a fixed list of slugs) and the guardian's name
-- only as SM4-GCM ciphertext under the account's data key, so erasing the account shreds it too.
ALTER TABLE consent_record ADD COLUMN channel VARCHAR(32);
ALTER TABLE consent_record ADD COLUMN rules_digest_algorithm VARCHAR(16) DEFAULT 'SHA-256' NOT NULL;
ALTER TABLE consent_record ADD COLUMN guardian_relation VARCHAR(32);
ALTER TABLE consent_record ADD COLUMN guardian_key_id VARCHAR(64);
ALTER TABLE consent_record ADD COLUMN guardian_name_ciphertext BYTEA;
-- The three guardian columns are set together or not at all: ConsentRecord enforces it. No
-- CHECK constraint, because H2 reports a CHECK added by ALTER TABLE as invalid once the
-- in-memory test database outlives a Quarkus restart (see V8).

-- A result whose person was under gateway.minors.flag-age (default 18) at verification time.
-- Not part of the signed receipt form, so receipts signed before this migration still verify.
ALTER TABLE verification_result ADD COLUMN minor BOOLEAN DEFAULT FALSE NOT NULL;
