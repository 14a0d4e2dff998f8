-- Each result is signed once, when it is written: the SM2 signature over its canonical receipt
-- form and the id of the signing key (see docs/receipts.md). Portable SQL (H2 and PostgreSQL).
ALTER TABLE verification_result ADD COLUMN signing_key_id VARCHAR(64);
ALTER TABLE verification_result ADD COLUMN receipt_signature BYTEA;
