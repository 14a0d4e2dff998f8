-- SM2-signed checkpoints of the audit chain's head (docs/audit.md, "Checkpoints"). Each row
-- says "entry <seq> had chain hash <head_hash>", signed with the gateway's signing key
-- <key_id> over the canonical form documented in docs/audit.md; the signature is hex (DER).
-- Numbers run 1, 2, 3... without gaps, so a deleted checkpoint is visible; writing one is
-- itself an audit entry (CHECKPOINT_WRITTEN, record id = number) at seq + 1.
-- Portable SQL (H2 and PostgreSQL). Append-only like audit_event (triggers on PostgreSQL: V10).
CREATE TABLE audit_checkpoint (
    checkpoint_no  BIGINT       NOT NULL PRIMARY KEY,
    seq            BIGINT       NOT NULL,
    head_hash      VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id         VARCHAR(64)  NOT NULL,
    signature      VARCHAR(256) NOT NULL,
    CONSTRAINT uq_audit_checkpoint_seq UNIQUE (seq)
);

-- The startup check of the configuration digest looks up the last CONFIGURATION_CHANGED entry.
CREATE INDEX ix_audit_event_type_seq ON audit_event (event_type, seq);
