-- The key ring (docs/keys.md): statuses of master-key versions, and the per-account data keys.
-- Key material itself is never here: master keys live in the key source (key store file / KMS),
-- data keys only wrapped (SM4-GCM) under a KEK. Portable SQL: runs unchanged on H2 (PostgreSQL
-- mode) and on PostgreSQL.

-- One row per version of a rotatable master key (kind KEK or SIGNING).
-- active_kind equals kind while the version is ACTIVE and is NULL otherwise: its UNIQUE
-- constraint lets the database itself refuse a second ACTIVE version of a kind (NULLs never
-- collide), which a partial unique index would do on PostgreSQL but not on H2.
CREATE TABLE key_version (
    key_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    kind         VARCHAR(16) NOT NULL,
    version      INTEGER     NOT NULL,
    status       VARCHAR(16) NOT NULL,
    active_kind  VARCHAR(16),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_key_version_kind_version UNIQUE (kind, version),
    CONSTRAINT uq_key_version_one_active UNIQUE (active_kind),
    CONSTRAINT ck_key_version_kind CHECK (kind IN ('KEK', 'SIGNING')),
    CONSTRAINT ck_key_version_status CHECK (status IN ('ACTIVE', 'PASSIVE', 'DISABLED', 'DESTROYED'))
);

-- The data key (DEK, SM4-128) of each account that has personal data, wrapped under the KEK
-- named by kek_key_id. Crypto-shredding sets wrapped_dek to NULL and destroyed_at; the row
-- stays so that no new key is ever made for that account.
CREATE TABLE account_key (
    account_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    kek_key_id   VARCHAR(64) NOT NULL,
    wrapped_dek  BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rewrapped_at TIMESTAMP WITH TIME ZONE,
    destroyed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_account_key_kek FOREIGN KEY (kek_key_id) REFERENCES key_version (key_id)
);
-- Re-wrap progress (DEKs per KEK) and the re-wrap job's batches.
CREATE INDEX ix_account_key_kek ON account_key (kek_key_id);
