#!/usr/bin/env bash
# Sends N (default 10) test messages to the problem-generation-requests topic and prints them.
#
# usage: scripts/test-kafka-traffic.sh [N]
#
# Works without Docker: it runs scripts/send-test-messages.ts (bun + kafkajs) against
# KAFKA_BOOTSTRAP_SERVERS (default localhost:9092, the local broker of scripts/kafka-local.sh; the compose broker
# is published on localhost:9094, so set KAFKA_BOOTSTRAP_SERVERS=localhost:9094 for it). The topic must already exist
# (`bun run kafka:topics`). A worker handles these messages only when it runs with WORKER_TEST_MESSAGES=true (`bun run
# dev` sets it); any other worker skips them as malformed. Each value looks like:
#   {"message_type":"test","message_id":"<uuid>","payload":{"text":"hello worker","n":<i>},"enqueued_at":"<iso>"}
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
N="${1:-10}"
if ! [[ "$N" =~ ^[0-9]+$ ]] || ((N < 1)); then
  echo "usage: $0 [N]   (N: number of messages, default 10)" >&2
  exit 64
fi
command -v bun >/dev/null 2>&1 || {
  echo "test-kafka-traffic: bun is required" >&2
  exit 1
}

export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"
echo "test-kafka-traffic: sending $N message(s) to problem-generation-requests on $KAFKA_BOOTSTRAP_SERVERS"
exec bun "$SCRIPT_DIR/send-test-messages.ts" "$N"
