#!/usr/bin/env bash
# Lethe's PostgreSQL roles and database for production, in one go. Run as a superuser (libpq's PGHOST,
# PGPORT, PGUSER, PGSSLMODE... select the server); safe to run again:
#
#   LETHE_OWNER_PASSWORD_FILE=/run/secrets/pg-owner LETHE_APP_PASSWORD_FILE=/run/secrets/pg-app \
#   PGHOST=db.example.org PGUSER=postgres PGSSLMODE=verify-full deploy/postgresql/setup.sh lethe
#
# 1. roles.sql: lethe_owner (migrations), lethe_app (the application, under row-level security) and
#    lethe_auditor (optional read-only access to the audit tables);
# 2. the database, owned by lethe_owner, and database.sql's lock-down;
# 3. each role's password from its file, when given (LETHE_AUDITOR_PASSWORD_FILE for the auditor).
# Then start Lethe with spring.flyway.user=lethe_owner, spring.datasource.username=lethe_app; after the
# first start (the migrations), run auditor.sql as lethe_owner if auditors get direct access.
set -euo pipefail

database="${1:-lethe}"
here="$(cd "$(dirname "$0")" && pwd)"
psql=(psql --no-psqlrc -v ON_ERROR_STOP=1 --quiet)

"${psql[@]}" -d postgres -f "$here/roles.sql"
if [[ -z "$("${psql[@]}" -d postgres -At -v db="$database" <<<"select 1 from pg_database where datname = :'db'")" ]]; then
    "${psql[@]}" -d postgres -v db="$database" <<<'create database :"db" owner lethe_owner'
fi
"${psql[@]}" -d "$database" -f "$here/database.sql"

for role in lethe_owner lethe_app lethe_auditor; do
    variable="${role^^}_PASSWORD_FILE"
    file="${!variable:-}"
    if [[ -n "$file" ]]; then
        # The password is read by psql from the environment (\getenv, psql 15+), never on a command
        # line, and the statement is kept out of the server's log.
        PASSWORD="$(cat "$file")" "${psql[@]}" -d postgres -v role="$role" <<'SQL'
\getenv password PASSWORD
set log_statement = 'none';
set password_encryption = 'scram-sha-256';
alter role :"role" password :'password';
SQL
    fi
done
echo "PostgreSQL ready: database $database, roles lethe_owner, lethe_app, lethe_auditor"
