#!/usr/bin/env bash
# Kafka ACLs for Lethe's own principal: what the ingest streams and the audit anchors need, nothing else.
#
#   BOOTSTRAP=broker:9093 COMMAND_CONFIG=admin.properties PRINCIPAL=User:lethe \
#   SOURCE_TOPICS="shop.orders crm.contacts" TARGET_TOPICS="shop.orders.clean crm.contacts.clean" \
#   deploy/kafka/acls.sh
#
# Run it as a Kafka administrator (COMMAND_CONFIG holds that admin's SSL/SASL client settings), again
# whenever a stream with new topics is registered: adding an ACL that exists changes nothing.
# DRY_RUN=1 prints the kafka-acls.sh commands instead of running them.
#
# Settings (environment):
#   BOOTSTRAP        the brokers, host:port[,host:port]                                   (required)
#   COMMAND_CONFIG   client properties of the administrator running this (TLS/SASL)    (optional)
#   PRINCIPAL        Lethe's principal as the brokers name it (SASL user or TLS DN)    default User:lethe
#   SOURCE_TOPICS    the streams' source topics, space or comma separated: read, and their <topic>.dlq
#   TARGET_TOPICS    the streams' clean (protected) topics: write
#   ANCHORS_TOPIC    lethe.audit.anchors.topic                              default lethe.audit.anchors
#   CREATE_TOPICS    1 when Lethe may create missing source/target topics ("create topics" on a stream)
#   KAFKA_ACLS       the kafka-acls command                                        default kafka-acls.sh
#
# What Lethe does with Kafka, and the ACL that allows exactly that:
#   source topic            consume (read_committed)             Read, Describe
#   <source>.dlq            create it, set retention.ms, write   Create, Write, Describe, DescribeConfigs, AlterConfigs
#   target (clean) topic    produce in transactions              Write, Describe
#   lethe-ingest-* groups   one consumer group per stream        Read, Describe          (prefixed)
#   lethe-ingest-* tx ids   one transactional id per worker      Write, Describe         (prefixed)
#   anchors topic           create, append and read it back      Create, Write, Read, Describe
#   cluster                 health check (describe cluster)      Describe
# The Kafka connector (erasing/purging records in engineers' topics) connects with each connection's own
# credentials, not with this principal: grant those per connection (docs/connectors.md).
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:?set BOOTSTRAP to the brokers, host:port}"
PRINCIPAL="${PRINCIPAL:-User:lethe}"
ANCHORS_TOPIC="${ANCHORS_TOPIC:-lethe.audit.anchors}"
SOURCE_TOPICS="${SOURCE_TOPICS:-}"
TARGET_TOPICS="${TARGET_TOPICS:-}"
CREATE_TOPICS="${CREATE_TOPICS:-0}"
KAFKA_ACLS="${KAFKA_ACLS:-kafka-acls.sh}"
# Lethe's fixed names (dev.lethe.ingest.StreamDefinition#consumerGroup, StreamWorker#transactionalId,
# StreamDefinition.DEAD_LETTER_SUFFIX): checked against the code by DeployScriptsTest.
GROUP_PREFIX="lethe-ingest-"
TRANSACTIONAL_ID_PREFIX="lethe-ingest-"
DEAD_LETTER_SUFFIX=".dlq"

acl() {
    local command=("$KAFKA_ACLS" --bootstrap-server "$BOOTSTRAP")
    if [[ -n "${COMMAND_CONFIG:-}" ]]; then
        command+=(--command-config "$COMMAND_CONFIG")
    fi
    command+=(--add --force --allow-principal "$PRINCIPAL" "$@")
    if [[ "${DRY_RUN:-0}" == "1" ]]; then
        printf '%s\n' "${command[*]}"
    else
        "${command[@]}"
    fi
}

operations() {
    local result=()
    for operation in "$@"; do
        result+=(--operation "$operation")
    done
    printf '%s\n' "${result[@]}"
}

topics() {
    tr ', ' '\n\n' <<<"$1" | sed '/^$/d'
}

mapfile -t consume < <(operations Read Describe)
mapfile -t produce < <(operations Write Describe)
mapfile -t dead_letters < <(operations Create Write Describe DescribeConfigs AlterConfigs)
mapfile -t anchors < <(operations Create Write Read Describe)

for topic in $(topics "$SOURCE_TOPICS"); do
    acl --topic "$topic" "${consume[@]}"
    if [[ "$CREATE_TOPICS" == "1" ]]; then
        acl --topic "$topic" --operation Create
    fi
    acl --topic "$topic$DEAD_LETTER_SUFFIX" "${dead_letters[@]}"
done
for topic in $(topics "$TARGET_TOPICS"); do
    acl --topic "$topic" "${produce[@]}"
    if [[ "$CREATE_TOPICS" == "1" ]]; then
        acl --topic "$topic" --operation Create
    fi
done
acl --group "$GROUP_PREFIX" --resource-pattern-type prefixed "${consume[@]}"
acl --transactional-id "$TRANSACTIONAL_ID_PREFIX" --resource-pattern-type prefixed "${produce[@]}"
acl --topic "$ANCHORS_TOPIC" "${anchors[@]}"
acl --cluster --operation Describe
