-- Webhook outbox and deliveries (issue 6, docs/webhooks.md "Delivery"). Portable SQL: runs
-- unchanged on H2 (PostgreSQL mode) and on PostgreSQL. No CHECK constraint on status: H2 reports
-- it "invalid" on updates once the in-memory test database outlives a Quarkus restart, so the
-- application alone writes the three values (PENDING, DELIVERED, DEAD; DeliveryStore).
--
-- webhook_event is the outbox: one row per thing a platform must be told, written in the same
-- transaction as the change it reports. It replaces V13's platform_notification (its rows are
-- carried over). payload is the exact JSON body sent (ids, status and flags only, never personal
-- data); platform is the token subject of the platform the event is for.
CREATE TABLE webhook_event (
    id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    platform    VARCHAR(255)  NOT NULL,
    event_type  VARCHAR(48)   NOT NULL,
    record_id   VARCHAR(64)   NOT NULL,
    account_id  VARCHAR(64),
    payload     VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_webhook_event_account ON webhook_event (account_id, created_at);
CREATE INDEX ix_webhook_event_platform ON webhook_event (platform, created_at);

-- One row per (event, subscription): the unit the worker claims, retries and dead-letters.
-- claimed_by/claimed_until is a lease: a crashed worker's claim simply runs out.
-- give_up_at is when retrying stops (created + gateway.webhooks.delivery.give-up-after; a replay
-- starts a new window).
CREATE TABLE webhook_delivery (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,
    event_id         VARCHAR(32)  NOT NULL REFERENCES webhook_event (id),
    subscription_id  VARCHAR(32)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    give_up_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by       VARCHAR(64),
    claimed_until    TIMESTAMP WITH TIME ZONE,
    last_http_status INTEGER,
    last_outcome     VARCHAR(32),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    dead_at          TIMESTAMP WITH TIME ZONE,
    replays          INTEGER      NOT NULL,
    CONSTRAINT uq_webhook_delivery UNIQUE (event_id, subscription_id)
);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at);

-- Every attempt: when, how long, what came back (status code or a fixed outcome word). Never a
-- body or a header. Purged after gateway.retention.webhook-attempts (30 days).
CREATE TABLE webhook_attempt (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,
    delivery_id      VARCHAR(32)  NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt          INTEGER      NOT NULL,
    attempted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    latency_ms       INTEGER      NOT NULL,
    http_status      INTEGER,
    outcome          VARCHAR(32)  NOT NULL
);
CREATE INDEX ix_webhook_attempt_delivery ON webhook_attempt (delivery_id, attempted_at);
CREATE INDEX ix_webhook_attempt_time ON webhook_attempt (attempted_at);

INSERT INTO webhook_event (id, platform, event_type, record_id, account_id, payload, created_at)
SELECT n.id, COALESCE((SELECT s.created_by FROM verification_session s WHERE s.id = n.record_id), 'unknown'),
       n.event_type, n.record_id, n.account_id,
       '{"event_id":"' || n.id || '","type":"' || n.event_type || '","verification_id":"' || n.record_id
           || '","account_id":"' || n.account_id || '"}',
       n.created_at
FROM platform_notification n;

DROP TABLE platform_notification;
