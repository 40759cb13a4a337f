#!/usr/bin/env bash
# Local Apache Kafka broker without Docker: KRaft, one node (broker + controller) on 127.0.0.1.
#
# usage: scripts/kafka-local.sh start|stop|status|logs [-f] [LINES]
#
#   start   download the jars once (Maven), format the storage once, start the broker in the
#           background and return only when it answers a real metadata request. No-op when it
#           is already running from this data dir.
#   stop    stop the broker started from this data dir (TERM, then KILL after
#           $KAFKA_STOP_TIMEOUT_S seconds). No-op when it is not running.
#   status  exit 0: running and answering; 1: process running but not answering metadata;
#           3: stopped (the LSB "not running" code).
#   logs    print the last LINES (default 200) lines of the broker log; -f follows it.
#
# Environment (all optional):
#   KAFKA_PORT             PLAINTEXT port on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port on 127.0.0.1 (default KAFKA_PORT+1)
#   KAFKA_DATA_DIR         pid file, rendered config, storage and logs (default <repo>/.data/kafka)
#   KAFKA_LIBS_DIR         jar cache shared by all data dirs (default <repo>/.data/kafka/libs)
#   KAFKA_START_TIMEOUT_S  how long `start` waits for the broker to answer (default 90)
#   KAFKA_STOP_TIMEOUT_S   how long `stop` waits after TERM before KILL (default 20)
#   KAFKA_HEAP_OPTS        JVM heap flags (default "-Xms256m -Xmx512m")
#   KAFKA_JVM_OPTS         other JVM flags (default "-XX:+UseSerialGC -XX:MaxMetaspaceSize=256m ...")
#   JAVA_HOME              Java 17+ to use (default: `java` on PATH)
#
# Files under KAFKA_DATA_DIR: kafka.pid, server.properties (rendered from
# infra/kafka/local/server.properties), storage/ (KRaft metadata + topic data), log/server.log
# (log4j2, INFO), log/console.out (JVM stdout/stderr, errors only).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/infra/kafka/local"
POM="$LOCAL_DIR/pom.xml"
TEMPLATE="$LOCAL_DIR/server.properties"
LOG4J_CONFIG="$LOCAL_DIR/log4j2.xml"
PROBE="$SCRIPT_DIR/kafka-ready.ts"

say() { printf 'kafka-local: %s\n' "$*"; }
warn() { printf 'kafka-local: %s\n' "$*" >&2; }
die() {
  printf 'kafka-local: error: %s\n' "$*" >&2
  exit 1
}

abs_path() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

is_port() { [[ "$1" =~ ^[0-9]+$ ]] && (("$1" >= 1 && "$1" <= 65535)); }

KAFKA_PORT="${KAFKA_PORT:-9092}"
is_port "$KAFKA_PORT" || die "KAFKA_PORT must be a port number, got '$KAFKA_PORT'"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
is_port "$CONTROLLER_PORT" || die "KAFKA_CONTROLLER_PORT must be a port number, got '$CONTROLLER_PORT'"
[[ "$CONTROLLER_PORT" != "$KAFKA_PORT" ]] || die "KAFKA_CONTROLLER_PORT must differ from KAFKA_PORT"

DATA_DIR="$(abs_path "${KAFKA_DATA_DIR:-$REPO_ROOT/.data/kafka}")"
LIBS_DIR="$(abs_path "${KAFKA_LIBS_DIR:-$REPO_ROOT/.data/kafka/libs}")"
START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-90}"
STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-20}"
[[ "$START_TIMEOUT_S" =~ ^[0-9]+$ ]] || die "KAFKA_START_TIMEOUT_S must be a number of seconds"
[[ "$STOP_TIMEOUT_S" =~ ^[0-9]+$ ]] || die "KAFKA_STOP_TIMEOUT_S must be a number of seconds"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# Serial GC: the least memory and the quickest start for a small-heap dev broker on 2 cores.
JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:MaxMetaspaceSize=256m -Djava.awt.headless=true}"

PID_FILE="$DATA_DIR/kafka.pid"
PROPS="$DATA_DIR/server.properties"
STORAGE_DIR="$DATA_DIR/storage"
LOG_DIR="$DATA_DIR/log"
SERVER_LOG="$LOG_DIR/server.log"
CONSOLE_LOG="$LOG_DIR/console.out"
LIBS_MARKER="$LIBS_DIR/.kafka-version"

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n 1)"
[[ -n "$KAFKA_VERSION" ]] || die "cannot read <kafka.version> from $POM"

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "java not found: install a JDK 17+ (Kafka $KAFKA_VERSION brokers need Java 17) or set JAVA_HOME"
  fi
}

check_java() {
  local java version major
  java="$(java_bin)"
  version="$("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the version of $java"
  ((major >= 17)) || die "$java is Java $version; Kafka $KAFKA_VERSION brokers need Java 17 or newer"
}

# Serialise start/stop on one data dir (two test processes may call `start` at once).
lock_data_dir() {
  mkdir -p "$DATA_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$DATA_DIR/.lock"
    flock -w $((START_TIMEOUT_S + 120)) 9 || die "another kafka-local.sh holds $DATA_DIR/.lock"
  fi
}

# --- process bookkeeping ---------------------------------------------------------------------

pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]]
}

# The pid in our pid file, if that process is alive AND is the broker of this data dir
# (a recycled pid that now belongs to something else does not count).
our_pid() {
  local pid args
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  pid_alive "$pid" || return 1
  args="$(ps -ww -o args= -p "$pid" 2>/dev/null || true)"
  [[ "$args" == *kafka.Kafka* && "$args" == *"$PROPS"* ]] || return 1
  printf '%s\n' "$pid"
}

port_in_use() {
  # Something accepts connections on 127.0.0.1:$1 (also true for a 0.0.0.0 listener).
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

describe_port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | head -n 3 || true
  fi
}

rendered_port() {
  sed -n 's|^listeners=PLAINTEXT://[^:]*:\([0-9]*\),.*|\1|p' "$PROPS" 2>/dev/null | head -n 1
}

# --- jars ------------------------------------------------------------------------------------

libs_ready() {
  [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$KAFKA_VERSION" && -f "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" ]]
}

ensure_libs() {
  libs_ready && return 0
  mkdir -p "$(dirname "$LIBS_DIR")"
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$LIBS_DIR.lock"
    flock -w 900 8 || die "another process holds $LIBS_DIR.lock"
    if libs_ready; then
      exec 8>&-
      return 0
    fi
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven is needed once to download the Kafka jars into $LIBS_DIR"
  if [[ -d "$LIBS_DIR" && ! -f "$LIBS_MARKER" ]] && [[ -n "$(ls -A "$LIBS_DIR" 2>/dev/null)" ]]; then
    die "$LIBS_DIR is not empty and was not made by this script; point KAFKA_LIBS_DIR elsewhere"
  fi

  local tmp started=$SECONDS
  tmp="$(mktemp -d "$LIBS_DIR.tmp.XXXXXX")"
  say "downloading Kafka $KAFKA_VERSION jars with Maven into $LIBS_DIR (only the first time)..."
  if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
    tail -n 40 "$tmp.mvn.log" >&2 || true
    rm -rf "$tmp" "$tmp.mvn.log"
    die "mvn dependency:copy-dependencies failed (full log above)"
  fi
  rm -f "$tmp.mvn.log"
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || {
    rm -rf "$tmp"
    die "Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing"
  }
  printf '%s\n' "$KAFKA_VERSION" >"$tmp/.kafka-version"
  chmod 755 "$tmp" # mktemp -d made it private
  rm -rf "$LIBS_DIR" # only ever a directory this script made (checked above)
  mv "$tmp" "$LIBS_DIR"
  say "jars ready: $(find "$LIBS_DIR" -name '*.jar' | wc -l | tr -d ' ') files in $((SECONDS - started)) s"
  if command -v flock >/dev/null 2>&1; then exec 8>&-; fi
}

# --- config + storage ------------------------------------------------------------------------

render_props() {
  local tmp="$PROPS.tmp"
  sed \
    -e "s|^listeners=.*|listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT|" \
    -e "s|^advertised\.listeners=.*|advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT|" \
    -e "s|^controller\.quorum\.bootstrap\.servers=.*|controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT|" \
    -e "s|^log\.dirs=.*|log.dirs=$STORAGE_DIR|" \
    "$TEMPLATE" >"$tmp"
  {
    printf '\n# Rendered by scripts/kafka-local.sh from infra/kafka/local/server.properties on %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >>"$tmp"
  if ! grep -qxF "log.dirs=$STORAGE_DIR" "$tmp" ||
    ! grep -qF "listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT" "$tmp"; then
    die "could not render $PROPS from $TEMPLATE"
  fi
  mv "$tmp" "$PROPS"
}

java_tool() {
  # Runs a Kafka command-line class with the cached jars and the quiet log4j2 config.
  "$(java_bin)" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$LIBS_DIR/*" "$@"
}

ensure_formatted() {
  # meta.properties exists once the directory is formatted. Changing KAFKA_PORT later is fine:
  # the single voter updates its own controller endpoint on start-up (checked with 4.3.1).
  [[ -f "$STORAGE_DIR/meta.properties" ]] && return 0
  local cluster_id
  mkdir -p "$STORAGE_DIR"
  cluster_id="$(java_tool kafka.tools.StorageTool random-uuid | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "StorageTool random-uuid returned '$cluster_id'"
  say "formatting $STORAGE_DIR (cluster id $cluster_id, single-node KRaft quorum)"
  if ! java_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$PROPS" >>"$CONSOLE_LOG" 2>&1; then
    tail -n 20 "$CONSOLE_LOG" >&2 || true
    die "formatting the storage failed (see $CONSOLE_LOG)"
  fi
}

# --- commands --------------------------------------------------------------------------------

print_recent_logs() {
  local file
  for file in "$SERVER_LOG" "$CONSOLE_LOG"; do
    if [[ -s "$file" ]]; then
      warn "---- last lines of $file ----"
      tail -n 40 "$file" >&2 || true
    fi
  done
}

require_bun() {
  command -v bun >/dev/null 2>&1 || die "bun not found on PATH (the readiness probe is scripts/kafka-ready.ts)"
}

probe() { # probe TIMEOUT_S [extra args]
  local timeout_s="$1"
  shift
  require_bun
  bun "$PROBE" --brokers "127.0.0.1:$KAFKA_PORT" --timeout "$timeout_s" "$@"
}

terminate() { # terminate PID: TERM, wait, then KILL
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || true
  while pid_alive "$pid" && ((waited < STOP_TIMEOUT_S * 5)); do
    sleep 0.2
    waited=$((waited + 1))
  done
  if pid_alive "$pid"; then
    warn "broker pid $pid still alive after ${STOP_TIMEOUT_S} s: sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    waited=0
    while pid_alive "$pid" && ((waited < 50)); do
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  ! pid_alive "$pid"
}

cmd_start() {
  local started=$SECONDS pid
  # Before anything starts: without bun the readiness probe cannot run, and a broker started anyway would be left
  # running behind a failed start.
  require_bun
  lock_data_dir

  if pid="$(our_pid)"; then
    local port
    port="$(rendered_port)"
    if [[ -n "$port" && "$port" != "$KAFKA_PORT" ]]; then
      die "a broker from $DATA_DIR is already running on port $port (pid $pid), not $KAFKA_PORT; stop it first"
    fi
    if probe 15 --pid "$pid" --quiet; then
      say "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT: nothing to do"
      return 0
    fi
    die "broker pid $pid is running but does not answer on 127.0.0.1:$KAFKA_PORT; see 'scripts/kafka-local.sh logs' or stop it"
  fi
  rm -f "$PID_FILE"

  for port in "$KAFKA_PORT" "$CONTROLLER_PORT"; do
    if port_in_use "$port"; then
      warn "127.0.0.1:$port is already taken by another process:"
      describe_port_owner "$port" >&2
      die "port $port is in use; stop that process or choose another KAFKA_PORT (controller uses KAFKA_PORT+1 unless KAFKA_CONTROLLER_PORT is set)"
    fi
  done

  check_java
  ensure_libs
  mkdir -p "$LOG_DIR" "$STORAGE_DIR"
  render_props
  ensure_formatted

  local launch_at=$SECONDS
  printf '==== %s starting Kafka %s on 127.0.0.1:%s ====\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$KAFKA_VERSION" "$KAFKA_PORT" >>"$CONSOLE_LOG"
  local -a heap jvm
  read -r -a heap <<<"$HEAP_OPTS"
  read -r -a jvm <<<"$JVM_OPTS"
  local -a cmd=(
    "$(java_bin)" "${heap[@]}" "${jvm[@]}"
    -Dlog4j2.configurationFile="$LOG4J_CONFIG"
    -Dkafka.logs.dir="$LOG_DIR"
    -cp "$LIBS_DIR/*"
    kafka.Kafka "$PROPS"
  )
  # The child writes its own pid, then execs java: the pid file names the JVM itself.
  # setsid puts it in its own session so a Ctrl-C in the calling terminal does not reach it.
  # Close the lock fds (8, 9) in the child: a broker inheriting them would hold the lock forever.
  local launcher=()
  if command -v setsid >/dev/null 2>&1; then launcher=(setsid); fi
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
  ${launcher[@]+"${launcher[@]}"} bash -c 'printf "%s\n" "$$" >"$0"; exec "$@"' "$PID_FILE" "${cmd[@]}" \
    </dev/null >>"$CONSOLE_LOG" 2>&1 8>&- 9>&- &

  local waited=0
  while [[ ! -s "$PID_FILE" ]] && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "the broker did not start (no pid file); see $CONSOLE_LOG"
  say "started Kafka $KAFKA_VERSION (pid $pid), waiting up to ${START_TIMEOUT_S} s for a metadata answer on 127.0.0.1:$KAFKA_PORT"

  local rc=0
  probe "$START_TIMEOUT_S" --pid "$pid" || rc=$?
  if ((rc != 0)); then
    if ((rc == 2)); then warn "the broker process exited during start-up"; else warn "the broker did not answer within ${START_TIMEOUT_S} s"; fi
    print_recent_logs
    if pid_alive "$pid"; then terminate "$pid" || true; fi
    rm -f "$PID_FILE"
    die "start failed"
  fi
  say "ready on 127.0.0.1:$KAFKA_PORT in $((SECONDS - launch_at)) s after launch ($((SECONDS - started)) s in total); data in $DATA_DIR"
}

cmd_stop() {
  local pid
  lock_data_dir
  if ! pid="$(our_pid)"; then
    if [[ -f "$PID_FILE" ]]; then
      rm -f "$PID_FILE"
      say "not running (removed a stale pid file)"
    else
      say "not running: nothing to do"
    fi
    return 0
  fi
  say "stopping broker pid $pid..."
  local started=$SECONDS
  terminate "$pid" || die "could not stop pid $pid"
  rm -f "$PID_FILE"
  say "stopped in $((SECONDS - started)) s"
}

cmd_status() {
  local pid
  if ! pid="$(our_pid)"; then
    say "stopped (data dir $DATA_DIR)"
    return 3
  fi
  local port
  port="$(rendered_port)"
  KAFKA_PORT="${port:-$KAFKA_PORT}"
  if probe 5 --pid "$pid" --quiet 2>/dev/null; then
    say "running: pid $pid, 127.0.0.1:$KAFKA_PORT, Kafka $KAFKA_VERSION, data dir $DATA_DIR"
    return 0
  fi
  say "running but NOT answering metadata requests: pid $pid, 127.0.0.1:$KAFKA_PORT (see logs)"
  return 1
}

cmd_logs() {
  local follow=0 lines=200 arg
  for arg in "$@"; do
    case "$arg" in
      -f | --follow) follow=1 ;;
      *[!0-9]* | '') die "logs: unknown argument '$arg' (usage: logs [-f] [LINES])" ;;
      *) lines="$arg" ;;
    esac
  done
  [[ -f "$SERVER_LOG" ]] || die "no log yet at $SERVER_LOG"
  if ((follow)); then
    exec tail -n "$lines" -F "$SERVER_LOG"
  fi
  tail -n "$lines" "$SERVER_LOG"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

main() {
  local command="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$command" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 64
      ;;
  esac
}

main "$@"
