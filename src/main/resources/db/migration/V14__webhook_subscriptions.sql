-- Webhook subscriptions of platforms (issue 6, docs/webhooks.md). Portable SQL: runs unchanged on
-- H2 (PostgreSQL mode) and on PostgreSQL. Constraints are declared inline only (H2 misreports
-- CHECK constraints added by ALTER TABLE after a restart).
--
-- The signing secret is never stored in clear: secret_sealed is SM4-GCM under the data key of
-- the synthetic key owner 'webhook/<id>' (no account id can contain a slash) (account_key), bound to this row and column by the
-- associated data; deleting the subscription destroys that data key. During a rotation overlap
-- the previous secret is kept the same way until previous_valid_until.
-- owner is the platform's token subject; url is the platform's endpoint (no personal data, and
-- never written to the audit trail or logs); event_types is a comma-separated list of the
-- documented wire names, in a fixed order.
CREATE TABLE webhook_subscription (
    id                      VARCHAR(32)   NOT NULL PRIMARY KEY,
    owner                   VARCHAR(255)  NOT NULL,
    url                     VARCHAR(2048) NOT NULL,
    event_types             VARCHAR(512)  NOT NULL,
    secret_sealed           BYTEA         NOT NULL,
    secret_key_id           VARCHAR(64)   NOT NULL,
    previous_secret_sealed  BYTEA,
    previous_valid_until    TIMESTAMP WITH TIME ZONE,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    secret_rotated_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_webhook_previous_secret CHECK ((previous_secret_sealed IS NULL) = (previous_valid_until IS NULL))
);
CREATE INDEX ix_webhook_subscription_owner ON webhook_subscription (owner, created_at);
