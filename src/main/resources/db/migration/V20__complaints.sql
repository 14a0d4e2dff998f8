-- Complaints and requests about a person's data (docs/privacy.md "Complaints and requests",
-- docs/api.md "Complaints"), answered within gateway.complaints.answer-within-working-days.
-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and on PostgreSQL.
--
-- The person's own words are kept only as SM4-GCM ciphertext under the account's data key
-- (text_key_id + text_ciphertext, associated data complaint:text:<id>), so erasing the account
-- shreds them too; both are NULL when the person gave no text. Everything else is ids, a kind
-- from a fixed list, a status and times.
-- overdue_at: when the overdue job put the complaint on the audit trail as COMPLAINT_OVERDUE; it is
-- set by a conditional update, so each complaint is reported once whatever the number of instances.
CREATE TABLE complaint (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    account_id       VARCHAR(64)  NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at      TIMESTAMP WITH TIME ZONE,
    answered_by      VARCHAR(128),
    overdue_at       TIMESTAMP WITH TIME ZONE,
    text_key_id      VARCHAR(64),
    text_ciphertext  BYTEA,
    CONSTRAINT ck_complaint_kind CHECK (kind IN ('COMPLAINT', 'ACCESS', 'CORRECTION', 'DELETION', 'EXPLANATION', 'OTHER')),
    CONSTRAINT ck_complaint_status CHECK (status IN ('RECEIVED', 'ANSWERED'))
);
CREATE INDEX ix_complaint_account ON complaint (tenant_id, account_id, received_at);
CREATE INDEX ix_complaint_open ON complaint (status, due_at);
CREATE INDEX ix_complaint_tenant ON complaint (tenant_id, status, due_at);
