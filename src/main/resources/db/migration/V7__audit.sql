-- Append-only audit trail: each entry carries the SM3 hash of the previous one (a hash chain).
-- Entries name actors and record ids, never plain personal data. The head row serialises
-- appends so the chain has no forks. Portable SQL (H2 and PostgreSQL).
CREATE TABLE audit_event (
    seq           BIGINT       NOT NULL PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(128) NOT NULL,
    actor_role    VARCHAR(32)  NOT NULL,
    event_type    VARCHAR(48)  NOT NULL,
    record_type   VARCHAR(32),
    record_id     VARCHAR(64),
    outcome       VARCHAR(64),
    prev_hash     VARCHAR(64)  NOT NULL,
    hash          VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_audit_time ON audit_event (occurred_at);

CREATE TABLE audit_head (
    id    INTEGER     NOT NULL PRIMARY KEY,
    seq   BIGINT      NOT NULL,
    hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
