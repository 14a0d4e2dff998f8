-- Attempt limits (org.realname.gateway.limits): one row per counted attempt, and one row per
-- subject that serialises concurrent checks of the same subject (SELECT-free row lock by UPDATE).
-- subject_key is always a keyed HMAC-SM3 digest (BlindIndex.mac), never a plain account id,
-- client IP or ID number. Rows older than the longest window (one day) are purged hourly.
-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and on PostgreSQL.

CREATE TABLE verification_attempt (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    scope           VARCHAR(16)  NOT NULL,
    subject_key     VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_attempt_subject_time ON verification_attempt (scope, subject_key, created_at);
CREATE INDEX ix_attempt_time ON verification_attempt (created_at);

CREATE TABLE attempt_subject (
    scope           VARCHAR(16)  NOT NULL,
    subject_key     VARCHAR(64)  NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_attempt_subject PRIMARY KEY (scope, subject_key)
);
CREATE INDEX ix_attempt_subject_last ON attempt_subject (last_attempt_at);
