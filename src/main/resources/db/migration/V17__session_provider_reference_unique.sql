-- One provider reference (certify_id) belongs to one session. A provider answer that names a
-- reference another session holds is a replay (BrowserFlowService refuses it); this index keeps
-- two racing starts from both taking it. Several NULLs (sessions not yet at the provider) are
-- allowed on H2 and PostgreSQL alike.
CREATE UNIQUE INDEX uq_session_provider_reference ON verification_session (provider, provider_reference);
