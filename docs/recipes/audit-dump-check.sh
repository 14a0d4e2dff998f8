#!/usr/bin/env bash
# The offline check of the audit trail from a dump: both tables in one snapshot, the signing
# certificates from the gateway, then AuditDumpCli from a build of the gateway
# (./mvnw -B package -DskipTests). Needs bash, psql, curl and Java 17.
# Run: DATABASE_URL=postgresql://user@db.example/realname AUDITOR_TOKEN=... \
#      GATEWAY_URL=https://gateway.example docs/recipes/audit-dump-check.sh
# (GATEWAY_BUILD, default target/quarkus-app: the build's folder.) Writes checkpoints.csv,
# events.csv and signing-certificates.pem in the current folder. Exit status AuditDumpCli's: 0
# intact, 1 broken, 2 wrong usage or an unreadable file; anything else: the dump or the download
# failed (psql and curl say why).
set -euo pipefail
build=${GATEWAY_BUILD:-target/quarkus-app}

# ON_ERROR_STOP: without it psql goes on after a failed \copy and exits 0 with a partial dump.
psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 "$DATABASE_URL" <<'SQL'
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
\copy (SELECT * FROM audit_checkpoint ORDER BY seq) TO 'checkpoints.csv' CSV HEADER
\copy (SELECT * FROM audit_event WHERE seq IS NOT NULL ORDER BY seq) TO 'events.csv' CSV HEADER
COMMIT;
SQL
# --fail: an error answer (a 401 problem document) must not become the certificate file.
curl --fail --silent --show-error -H "Authorization: Bearer $AUDITOR_TOKEN" \
  "$GATEWAY_URL/api/v1/audit/certificates" > signing-certificates.pem

java -cp "$build/app/*:$build/lib/main/*" org.realname.gateway.audit.cli.AuditDumpCli \
  --events events.csv --checkpoints checkpoints.csv --certificates signing-certificates.pem
