-- The hash chain covers an entry's time at milliseconds (AuditEntry's canonical form), and an
-- entry with a finer time is refused as malformed (left queued, never sequenced). The column
-- now holds exactly what the chain covers, so no writer can store a time it does not. Every
-- entry so far was written at milliseconds (AuditTrail truncates), so no value changes.
ALTER TABLE audit_event ALTER COLUMN occurred_at SET DATA TYPE TIMESTAMP(3) WITH TIME ZONE;
