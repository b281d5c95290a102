#!/usr/bin/env bash
# Local real servers for jamwatch: Apache Kafka (KRaft) and InfluxDB 2.x on loopback, without Docker.
#   scripts/services.sh up      start what is not running (building or downloading into the cache; a Kafka started
#                               here has empty storage), then print the addresses and credentials as KEY=value
#                               lines on stdout
#   scripts/services.sh down    stop both
#   scripts/services.sh status  say what runs
# Running `up` twice is harmless. Progress goes to stderr, so `eval "$(scripts/services.sh up)"` works.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
  up)
    bash "$HERE/system-deps.sh"
    # Both in parallel: a cold InfluxDB build takes many minutes, Kafka's jars seconds.
    bash "$HERE/influxdb.sh" start &
    influx=$!
    bash "$HERE/kafka.sh" fresh
    wait "$influx"
    bash "$HERE/kafka.sh" env
    bash "$HERE/influxdb.sh" env
    ;;
  down)
    bash "$HERE/kafka.sh" stop
    bash "$HERE/influxdb.sh" stop
    ;;
  status)
    bash "$HERE/kafka.sh" status
    bash "$HERE/influxdb.sh" status
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
