-- The verification provider named by the rules a person consented to (issue: the provider named).
-- Null for consents to rules that named none (before this version).
ALTER TABLE consent_record ADD COLUMN provider_name VARCHAR(100);

-- Face-information rules versions announced to platforms before they take effect: one row per
-- version, so each is announced once whatever the number of instances.
CREATE TABLE consent_rules_announcement (
    rules_version   VARCHAR(32)  NOT NULL PRIMARY KEY,
    effective_date  DATE         NOT NULL,
    rules_digest    VARCHAR(64)  NOT NULL,
    announced_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
