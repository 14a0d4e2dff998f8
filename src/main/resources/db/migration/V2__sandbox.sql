-- The built-in provider simulator (gateway.sandbox.*). It stands in for the external provider,
-- It keeps only the masked name for its face page and the test behaviour chosen at initialize,
-- never the plain identity; nothing else in the gateway reads this table.
-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and on PostgreSQL.
CREATE TABLE sandbox_certification (
  certify_id VARCHAR(32) NOT NULL,
  app_id VARCHAR(32) NOT NULL,
  outer_order_no VARCHAR(32) NOT NULL,
  masked_name VARCHAR(128) NOT NULL,
  behaviour VARCHAR(16) NOT NULL,
  return_url VARCHAR(2048) NOT NULL,
  state VARCHAR(16) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT pk_sandbox_certification PRIMARY KEY (certify_id),
  CONSTRAINT uq_sandbox_certification_order UNIQUE (app_id, outer_order_no)
);
