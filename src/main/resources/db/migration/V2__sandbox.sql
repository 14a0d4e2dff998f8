-- The built-in provider simulator (gateway.sandbox.*). It stands in for the external provider,
-- so it keeps the identity it was given; nothing else in the gateway reads this table.
-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and on PostgreSQL.
CREATE TABLE sandbox_certification (
  certify_id VARCHAR(32) NOT NULL,
  app_id VARCHAR(32) NOT NULL,
  outer_order_no VARCHAR(32) NOT NULL,
  cert_name VARCHAR(128) NOT NULL,
  cert_no VARCHAR(32) NOT NULL,
  return_url VARCHAR(2048) NOT NULL,
  state VARCHAR(16) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT pk_sandbox_certification PRIMARY KEY (certify_id),
  CONSTRAINT uq_sandbox_certification_order UNIQUE (app_id, outer_order_no)
);
