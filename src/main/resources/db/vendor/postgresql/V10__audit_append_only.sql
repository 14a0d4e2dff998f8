-- PostgreSQL only (location db/vendor/postgresql, see quarkus.flyway.locations): the database
-- itself refuses UPDATE, DELETE and TRUNCATE on the audit entries and checkpoints, whoever
-- asks, so the append-only rule does not rest on the application alone. The head row
-- (audit_head) stays updatable: every append moves it. H2 has no such trigger (docs/audit.md).
-- Together with the role split in docs/operations.md (the application's role gets INSERT and
-- SELECT only) a change needs a superuser or the tables' owner to disable the trigger first,
-- and the hash chain and signed checkpoints then still show where.
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
