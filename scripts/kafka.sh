#!/usr/bin/env bash
# Real Apache Kafka (KRaft, one node as broker + controller) on loopback, jars from Maven Central, cached outside
# the repository.  scripts/kafka.sh fetch|start|fresh|stop|status|env
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/kafka/pom.xml")"
CACHE="${JAMWATCH_CACHE:-$HOME/.cache/jamwatch}"
LIBS="$CACHE/kafka/$VERSION/libs"
RUN="$CACHE/run/kafka"
PORT="${JAMWATCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${JAMWATCH_KAFKA_CONTROLLER_PORT:-19093}"
BROKERS="127.0.0.1:$PORT"

log() { echo "[kafka] $*" >&2; }

fetch() {
  [ -f "$LIBS/.complete" ] && return 0
  command -v java >/dev/null || { log "missing java (17+): apt-get install openjdk-17-jre-headless"; exit 1; }
  command -v mvn >/dev/null || { log "missing mvn: apt-get install maven"; exit 1; }
  log "resolving Kafka $VERSION jars from Maven Central into $LIBS"
  rm -rf "$LIBS"; mkdir -p "$CACHE/kafka"
  mvn -B -Dstyle.color=never -f "$HERE/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$LIBS" >"$CACHE/kafka/fetch.log" 2>&1 || { log "jar resolution failed; see $CACHE/kafka/fetch.log"; tail -n 20 "$CACHE/kafka/fetch.log" >&2; exit 1; }
  touch "$LIBS/.complete"
}

java_cmd() {
  java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -Dkafka.logs.dir="$RUN" \
    -cp "$LIBS/*" "$@"
}

write_properties() {
  cat >"$RUN/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$RUN/data
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=24
log.segment.bytes=67108864
PROPS
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

running_pid() {
  [ -f "$RUN/pid" ] || return 1
  local pid; pid="$(cat "$RUN/pid")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# start: keeps the storage (a restart mid-test must find its topics). fresh: a scratch broker with empty storage,
# for `services.sh up`: tests and benches make throwaway topics, and a broker that kept them all would load thousands
# of partitions (15 GB seen) at its next start, past any timeout. Neither touches a broker that already answers.
start() {
  local fresh="${1:-}"
  if running_pid >/dev/null && port_open; then return 0; fi
  # A broker process that does not answer (still loading, or hung) goes before its storage may.
  if running_pid >/dev/null; then stop; fi
  fetch
  if [ "$fresh" = fresh ]; then rm -rf "$RUN"; fi
  mkdir -p "$RUN"
  write_properties
  if [ ! -f "$RUN/data/meta.properties" ]; then
    java_cmd kafka.tools.StorageTool format -t "$(java_cmd kafka.tools.StorageTool random-uuid)" \
      -c "$RUN/server.properties" >"$RUN/format.log" 2>&1 || { log "storage format failed; see $RUN/format.log"; exit 1; }
  fi
  log "starting on $BROKERS"
  : >"$RUN/server.log"
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -Dkafka.logs.dir="$RUN" \
    -cp "$LIBS/*" kafka.Kafka "$RUN/server.properties" >>"$RUN/stdout.log" 2>&1 &
  echo $! >"$RUN/pid"
  for _ in $(seq 1 240); do
    grep -q "Kafka Server started" "$RUN/server.log" 2>/dev/null && port_open && return 0
    kill -0 "$(cat "$RUN/pid")" 2>/dev/null || { log "broker exited; see $RUN/server.log"; tail -n 20 "$RUN/server.log" "$RUN/stdout.log" >&2; exit 1; }
    sleep 0.25
  done
  log "not started after 60 s; see $RUN/server.log"; exit 1
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped"
  fi
  rm -f "$RUN/pid"
}

status() {
  if running_pid >/dev/null && port_open; then echo "kafka: running at $BROKERS (pid $(running_pid))"; else echo "kafka: stopped"; fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  fresh) start fresh ;;
  stop) stop ;;
  status) status ;;
  env) echo "JAMWATCH_KAFKA_BROKERS=$BROKERS" ;;
  *) echo "usage: $0 fetch|start|fresh|stop|status|env" >&2; exit 2 ;;
esac
