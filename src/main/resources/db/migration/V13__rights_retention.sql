-- The person's rights and retention (docs/privacy.md "Your rights", docs/operations.md "Retention").
-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and on PostgreSQL.

-- Withdrawals of consent: who withdrew (the account itself or the platform on its behalf) and
-- when. Past results stay (withdrawal is not erasure); open sessions are canceled.
CREATE TABLE consent_withdrawal (
    id                 VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id         VARCHAR(64)  NOT NULL,
    withdrawn_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    actor              VARCHAR(128) NOT NULL,
    channel            VARCHAR(16)  NOT NULL,
    sessions_canceled  INTEGER      NOT NULL,
    CONSTRAINT ck_withdrawal_channel CHECK (channel IN ('self-service', 'platform'))
);
CREATE INDEX ix_withdrawal_account ON consent_withdrawal (account_id, withdrawn_at);

-- Outbox of what the platform must be told, written in the transaction of the change. The
-- signed webhook delivery that reads it (and sets delivered_at) is a later issue: until then
-- this row is the hand-off point. Ids only, never personal data.
CREATE TABLE platform_notification (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    event_type    VARCHAR(48)  NOT NULL,
    record_id     VARCHAR(64)  NOT NULL,
    account_id    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notification_pending ON platform_notification (delivered_at, created_at);

-- Security log of the browser-facing session pages, for incident handling: client address and
-- user agent (truncated). Troubleshooting data: purged after gateway.retention.troubleshooting.
-- A refused request is a row with http_status >= 400. Never the one-time link token.
CREATE TABLE security_event (
    id            VARCHAR(32)   NOT NULL PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    session_id    VARCHAR(32),
    kind          VARCHAR(32)   NOT NULL,
    http_status   INTEGER       NOT NULL,
    client_ip     VARCHAR(64),
    user_agent    VARCHAR(256)
);
CREATE INDEX ix_security_event_time ON security_event (occurred_at);
CREATE INDEX ix_security_event_session ON security_event (session_id);

-- Retention clears the return URL of old finished sessions (troubleshooting data).
ALTER TABLE verification_session ALTER COLUMN return_url DROP NOT NULL;

-- Erasure unlinks a result from the ID number: the blind index is cleared (and the stored
-- receipt signature with it, which would otherwise let anyone holding the blind-index key
-- re-link the result by trying candidate ID numbers). See docs/privacy.md "Erasure".
ALTER TABLE verification_result ALTER COLUMN id_number_index DROP NOT NULL;

-- The purge finds ended sessions by status and end time.
CREATE INDEX ix_session_finished ON verification_session (status, finished_at);
