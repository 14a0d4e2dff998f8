-- Tenants (docs/tenants.md): every row a platform created, or that is keyed by an account, now
-- belongs to one tenant. Rows from before tenants belong to the tenant 'default'. Portable
-- between H2 2.x (PostgreSQL mode) and PostgreSQL 15.
-- Not here, because they belong to a row that is: consent_record and security_event (to their
-- session), webhook_delivery and webhook_attempt (to their event and subscription). The attempt
-- tables scope by tenant inside their keyed subject digests (docs/limits-and-resilience.md).

ALTER TABLE verification_session ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE verification_session DROP CONSTRAINT uq_session_idempotency;
ALTER TABLE verification_session ADD CONSTRAINT uq_session_idempotency UNIQUE (tenant_id, idempotency_key);
DROP INDEX ix_session_account;
CREATE INDEX ix_session_account ON verification_session (tenant_id, account_id);

ALTER TABLE verification_result ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
DROP INDEX ix_result_account;
CREATE INDEX ix_result_account ON verification_result (tenant_id, account_id, verified_at);

ALTER TABLE consent_withdrawal ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
DROP INDEX ix_withdrawal_account;
CREATE INDEX ix_withdrawal_account ON consent_withdrawal (tenant_id, account_id, withdrawn_at);

ALTER TABLE webhook_subscription ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
DROP INDEX ix_webhook_subscription_owner;
CREATE INDEX ix_webhook_subscription_owner ON webhook_subscription (tenant_id, owner, created_at);

ALTER TABLE webhook_event ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
DROP INDEX ix_webhook_event_account;
CREATE INDEX ix_webhook_event_account ON webhook_event (tenant_id, account_id, created_at);
DROP INDEX ix_webhook_event_platform;
CREATE INDEX ix_webhook_event_platform ON webhook_event (tenant_id, platform, created_at);

-- account_key: the primary key becomes (tenant_id, account_id). Its unnamed primary key has a
-- different name on each database, so the table is rebuilt.
CREATE TABLE account_key_t (
    tenant_id    VARCHAR(64) DEFAULT 'default' NOT NULL,
    account_id   VARCHAR(64) NOT NULL,
    kek_key_id   VARCHAR(64) NOT NULL,
    wrapped_dek  BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rewrapped_at TIMESTAMP WITH TIME ZONE,
    destroyed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_account_key PRIMARY KEY (tenant_id, account_id),
    CONSTRAINT fk_account_key_kek_t FOREIGN KEY (kek_key_id) REFERENCES key_version (key_id)
);
INSERT INTO account_key_t (tenant_id, account_id, kek_key_id, wrapped_dek, created_at, rewrapped_at, destroyed_at)
SELECT 'default', account_id, kek_key_id, wrapped_dek, created_at, rewrapped_at, destroyed_at FROM account_key;
DROP TABLE account_key;
ALTER TABLE account_key_t RENAME TO account_key;
CREATE INDEX ix_account_key_kek ON account_key (kek_key_id);
