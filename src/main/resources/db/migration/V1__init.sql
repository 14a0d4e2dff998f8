-- Verification sessions, consent records and results.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL: plain types only.
-- Personal data appears only as SM4-GCM ciphertext (*_ciphertext, with the sealing key's id)
-- and as an HMAC-SM3 blind index of the ID number; never in plain.

CREATE TABLE verification_session (
    id                      VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id              VARCHAR(64)  NOT NULL,
    purpose                 VARCHAR(16)  NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    return_url              VARCHAR(2048) NOT NULL,
    provider                VARCHAR(32)  NOT NULL,
    provider_reference      VARCHAR(64),
    provider_redirect_url   VARCHAR(4096),
    link_token_hash         VARCHAR(64)  NOT NULL,
    link_token_ciphertext   BYTEA,
    link_opened_at          TIMESTAMP WITH TIME ZONE,
    browser_binding_hash    VARCHAR(64),
    identity_key_id         VARCHAR(64),
    name_ciphertext         BYTEA,
    id_number_ciphertext    BYTEA,
    id_number_index         VARCHAR(64),
    idempotency_key         VARCHAR(128),
    request_fingerprint     VARCHAR(64),
    created_by              VARCHAR(128) NOT NULL,
    error_code              VARCHAR(64),
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    consented_at            TIMESTAMP WITH TIME ZONE,
    finished_at             TIMESTAMP WITH TIME ZONE,
    version                 BIGINT       NOT NULL,
    CONSTRAINT uq_session_link UNIQUE (link_token_hash),
    CONSTRAINT uq_session_idempotency UNIQUE (idempotency_key)
);
CREATE INDEX ix_session_status_expires ON verification_session (status, expires_at);
CREATE INDEX ix_session_account ON verification_session (account_id);

CREATE TABLE consent_record (
    id                      VARCHAR(32)  NOT NULL PRIMARY KEY,
    session_id              VARCHAR(32)  NOT NULL,
    rules_version           VARCHAR(32)  NOT NULL,
    rules_effective_date    DATE         NOT NULL,
    rules_digest            VARCHAR(64)  NOT NULL,
    consented_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_consent_session UNIQUE (session_id),
    CONSTRAINT fk_consent_session FOREIGN KEY (session_id) REFERENCES verification_session (id)
);

CREATE TABLE verification_result (
    id                      VARCHAR(32)  NOT NULL PRIMARY KEY,
    session_id              VARCHAR(32)  NOT NULL,
    account_id              VARCHAR(64)  NOT NULL,
    purpose                 VARCHAR(16)  NOT NULL,
    outcome                 VARCHAR(8)   NOT NULL,
    provider                VARCHAR(32)  NOT NULL,
    provider_reference      VARCHAR(64)  NOT NULL,
    verified_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    consent_id              VARCHAR(32)  NOT NULL,
    identity_key_id         VARCHAR(64)  NOT NULL,
    name_ciphertext         BYTEA        NOT NULL,
    id_number_ciphertext    BYTEA        NOT NULL,
    id_number_index         VARCHAR(64)  NOT NULL,
    CONSTRAINT uq_result_session UNIQUE (session_id),
    CONSTRAINT fk_result_session FOREIGN KEY (session_id) REFERENCES verification_session (id),
    CONSTRAINT fk_result_consent FOREIGN KEY (consent_id) REFERENCES consent_record (id)
);
CREATE INDEX ix_result_account ON verification_result (account_id, verified_at);
CREATE INDEX ix_result_id_index ON verification_result (id_number_index);
