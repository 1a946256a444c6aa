#!/usr/bin/env bash
# Elasticsearch role and user for Lethe: its own indices and the cluster's health, nothing else.
#
#   ES_URL=https://es.example.org:9200 ES_ADMIN=elastic ES_ADMIN_PASSWORD_FILE=/run/secrets/es-admin \
#   LETHE_PASSWORD_FILE=/run/secrets/es-lethe ES_CACERT=/etc/lethe/es-ca.pem deploy/elasticsearch/roles.sh
#
# Creates (or updates) the role "lethe" from role.json and the user "lethe" with only that role; then
# set spring.elasticsearch.username=lethe and spring.elasticsearch.password to the same password.
# Safe to run again. DRY_RUN=1 prints the requests instead of sending them.
#
# What Lethe does in Elasticsearch, and the privilege that allows exactly that:
#   lethe-catalog-*   create generations, move the tenant's alias, bulk index, search, delete old ones   manage, read, write
#   lethe-locator-*   create the tenant's index, bulk index entries, search, delete a subject's entries  manage, read, write
#   cluster           the health check (GET _cluster/health)                                        monitor
# The Elasticsearch connector (engineers' own indices) uses each connection's own credentials.
set -euo pipefail

ES_URL="${ES_URL:?set ES_URL, e.g. https://es.example.org:9200}"
ES_ADMIN="${ES_ADMIN:-elastic}"
ROLE="${ROLE:-lethe}"
USER_NAME="${USER_NAME:-lethe}"
here="$(cd "$(dirname "$0")" && pwd)"

request() {
    local method="$1" path="$2" body="$3"
    if [[ "${DRY_RUN:-0}" == "1" ]]; then
        printf '%s %s\n%s\n' "$method" "$path" "$body"
        return
    fi
    local tls=()
    if [[ -n "${ES_CACERT:-}" ]]; then
        tls=(--cacert "$ES_CACERT")
    fi
    # Passwords reach curl through a config on stdin and a private file, never on its command line.
    local body_file
    body_file="$(mktemp)"
    chmod 600 "$body_file"
    printf '%s' "$body" >"$body_file"
    printf 'user = "%s:%s"\n' "$ES_ADMIN" "$(cat "${ES_ADMIN_PASSWORD_FILE:?set ES_ADMIN_PASSWORD_FILE}")" |
        curl --fail-with-body --silent --show-error "${tls[@]}" --config - \
            -X "$method" -H 'Content-Type: application/json' --data-binary "@$body_file" "$ES_URL$path" ||
        { rm -f "$body_file"; exit 1; }
    rm -f "$body_file"
    echo
}

request PUT "/_security/role/$ROLE" "$(cat "$here/role.json")"
if [[ "${DRY_RUN:-0}" == "1" ]]; then
    password='<from LETHE_PASSWORD_FILE>'
else
    password="$(cat "${LETHE_PASSWORD_FILE:?set LETHE_PASSWORD_FILE}")"
fi
request PUT "/_security/user/$USER_NAME" \
    "{\"password\": \"$password\", \"roles\": [\"$ROLE\"], \"full_name\": \"Lethe\"}"
