#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs Bun and the dependencies, starts a local Kafka broker
# (unless KAFKA_BOOTSTRAP_SERVERS names one), runs every test against real Postgres and Kafka, stops what it
# started, and ends with "N passed, N failed". Extra arguments go to `bun test` (e.g. a path filter).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-bun.sh"
cd "$ROOT"

started_kafka=""
stop_kafka() {
  if [ -n "$started_kafka" ]; then
    bash scripts/kafka-local.sh stop >&2 || true
    started_kafka=""
  fi
}
trap stop_kafka EXIT

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  if ! bash scripts/kafka-local.sh status >/dev/null 2>&1; then
    if ! bash scripts/kafka-local.sh start >&2; then
      echo "the local Kafka broker did not start; tests not run" >&2
      echo "0 passed, 1 failed"
      exit 1
    fi
    started_kafka=1
  fi
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi

mkdir -p .reports
rm -f .reports/junit.xml
status=0
bun test --timeout 60000 --reporter=junit --reporter-outfile=.reports/junit.xml "$@" || status=$?
stop_kafka # before the summary, so "N passed, N failed" is the last line
bun scripts/junit-summary.ts .reports/junit.xml || status=1
exit "$status"
