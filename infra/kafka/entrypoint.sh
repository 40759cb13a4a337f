#!/bin/sh
# Entrypoint of the Fly.io Kafka image (infra/kafka/Dockerfile).
#
# 1. renders a KRaft single-node (broker + controller) server.properties from the environment;
# 2. formats the storage ONCE, on first boot of a new volume (meta.properties marks it formatted);
# 3. execs kafka-server-start.sh, so Kafka is PID 1's direct replacement and gets SIGTERM from Fly.
#
# Environment:
#   FLY_APP_NAME               set by Fly; the broker advertises <FLY_APP_NAME>.internal:9092
#   KAFKA_ADVERTISED_HOST      override of the advertised host (default <FLY_APP_NAME>.internal)
#   KAFKA_DATA_DIR             mount point of the volume (default /var/lib/kafka/data)
#   KAFKA_CLUSTER_ID           cluster id for the first format (default: a random one)
#   KAFKA_DEFAULT_PARTITIONS   num.partitions for topics created without a count (default 10)
#   KAFKA_LOG_RETENTION_HOURS  default retention (default 168 = 7 days)
#   KAFKA_HEAP_OPTS            read by kafka-server-start.sh (Dockerfile sets a small heap)
set -eu

KAFKA_HOME="${KAFKA_HOME:-/opt/kafka}"
DATA_DIR="${KAFKA_DATA_DIR:-/var/lib/kafka/data}"
# Kafka's data lives in a subdirectory: the volume root contains lost+found.
LOG_DIRS="$DATA_DIR/logs"
CONFIG="$DATA_DIR/server.properties"

if [ -n "${KAFKA_ADVERTISED_HOST:-}" ]; then
  ADVERTISED_HOST="$KAFKA_ADVERTISED_HOST"
elif [ -n "${FLY_APP_NAME:-}" ]; then
  ADVERTISED_HOST="$FLY_APP_NAME.internal"
else
  echo "entrypoint: FLY_APP_NAME is not set; advertising localhost (set KAFKA_ADVERTISED_HOST)" >&2
  ADVERTISED_HOST=localhost
fi

mkdir -p "$LOG_DIRS"

# Rendered on every boot from the environment; the volume only keeps it for inspection.
cat >"$CONFIG" <<PROPS
# Rendered by lqs-kafka-entrypoint.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ). Edits are overwritten.
process.roles=broker,controller
node.id=1

# Clients: every interface of the VM (the 6PN private address included, IPv6 and IPv4);
# no [http_service]/[[services]] in fly.toml, so nothing is published on the internet.
# Controller: loopback only, it is never reached from outside this machine.
listeners=PLAINTEXT://:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://${ADVERTISED_HOST}:9092,CONTROLLER://127.0.0.1:9093
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:9093

log.dirs=${LOG_DIRS}

num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1

# Topics are declared by the application (src/queue/topics.ts); a typo must not create one.
auto.create.topics.enable=false
num.partitions=${KAFKA_DEFAULT_PARTITIONS:-10}
default.replication.factor=1
min.insync.replicas=1
log.retention.hours=${KAFKA_LOG_RETENTION_HOURS:-168}
log.segment.bytes=268435456

# One node: every internal topic has a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS

if [ ! -f "$LOG_DIRS/meta.properties" ]; then
  CLUSTER_ID="${KAFKA_CLUSTER_ID:-$("$KAFKA_HOME/bin/kafka-storage.sh" random-uuid)}"
  echo "entrypoint: first boot on this volume, formatting $LOG_DIRS (cluster id $CLUSTER_ID)"
  "$KAFKA_HOME/bin/kafka-storage.sh" format --standalone -t "$CLUSTER_ID" -c "$CONFIG"
else
  echo "entrypoint: $LOG_DIRS already formatted, keeping its data"
fi

echo "entrypoint: starting Kafka, advertised as ${ADVERTISED_HOST}:9092"
exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$CONFIG"
