#!/usr/bin/env bash
# Real InfluxDB 2.x on loopback, built from the Go module proxy and cached outside the repository.
#   scripts/influxdb.sh build|start|stop|status|env
# Cache: $JAMWATCH_CACHE (default ~/.cache/jamwatch). A cold build takes 15-35 min on 2 cores (libflux is Rust);
# a warm start takes seconds.
set -euo pipefail

VERSION="${JAMWATCH_INFLUXDB_VERSION:-2.9.1}"
PKG_CONFIG_WRAPPER_VERSION="v0.3.0"
CACHE="${JAMWATCH_CACHE:-$HOME/.cache/jamwatch}"
BIN_DIR="$CACHE/influxdb/$VERSION"
BIN="$BIN_DIR/influxd"
RUN="$CACHE/run/influxdb"
PORT="${JAMWATCH_INFLUX_PORT:-18086}"
ORG="${JAMWATCH_INFLUX_ORG:-jamwatch}"
BUCKET="${JAMWATCH_INFLUX_BUCKET:-jamwatch}"
TOKEN="${JAMWATCH_INFLUX_TOKEN:-jamwatch-local-token}"
USER_NAME="jamwatch"
PASSWORD="jamwatch-local-password"
URL="http://127.0.0.1:$PORT"

log() { echo "[influxdb] $*" >&2; }

build() {
  [ -x "$BIN" ] && return 0
  for tool in go cargo gcc pkg-config; do
    command -v "$tool" >/dev/null || { log "missing $tool: install it (Go from go.dev, Rust by rustup, gcc and pkg-config from apt)"; exit 1; }
  done
  local work="$CACHE/influxdb/build-$VERSION"
  mkdir -p "$work" "$CACHE/bin"
  log "building influxd $VERSION into $BIN (cold: 15-35 min; log: $work/build.log)"
  # 2.x carries replace directives, which `go install pkg@version` refuses: build it as a dependency of a tiny
  # wrapper module that repeats them.
  local src
  src="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/influxdata/influxdb/v2@v$VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  {
    echo "module jamwatch.local/influxd-build"
    echo
    echo "go $(sed -n 's/^go //p' "$src/go.mod")"
    echo
    echo "require github.com/influxdata/influxdb/v2 v$VERSION"
    echo
    sed -n '/^replace /p' "$src/go.mod"
  } >"$work/go.mod"
  printf '//go:build tools\n\npackage build\n\nimport _ "github.com/influxdata/influxdb/v2/cmd/influxd"\n' >"$work/deps.go"
  # The influxdata pkg-config wrapper builds libflux (Rust) with cargo and answers for `flux`.
  GOBIN="$CACHE/bin" GOTOOLCHAIN=local go install "github.com/influxdata/pkg-config@$PKG_CONFIG_WRAPPER_VERSION"
  local toolchain
  toolchain="$(rustup show active-toolchain 2>/dev/null | cut -d' ' -f1 || true)"
  (
    cd "$work"
    export PKG_CONFIG="$CACHE/bin/pkg-config" CGO_ENABLED=1 GOTOOLCHAIN=local GOFLAGS=-mod=mod
    # flux's crates deny warnings (every new rustc lint breaks the build) and pin a Rust toolchain that cannot be
    # downloaded here: cap lints and use the installed toolchain.
    export RUSTFLAGS="--cap-lints=warn" RUSTUP_TOOLCHAIN="${toolchain:-stable}"
    go mod tidy >>"$work/build.log" 2>&1
    go build -ldflags "-s -w -X main.version=v$VERSION" -o "$BIN.tmp" github.com/influxdata/influxdb/v2/cmd/influxd >>"$work/build.log" 2>&1
  ) || { log "build failed; last lines of $work/build.log:"; tail -n 30 "$work/build.log" >&2; exit 1; }
  mv "$BIN.tmp" "$BIN"
  log "built $BIN"
}

healthy() { curl -fsS "$URL/health" >/dev/null 2>&1; }

running_pid() {
  [ -f "$RUN/pid" ] || return 1
  local pid; pid="$(cat "$RUN/pid")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  if running_pid >/dev/null && healthy; then return 0; fi
  build
  mkdir -p "$RUN"
  log "starting on $URL"
  nohup "$BIN" --bolt-path "$RUN/influxd.bolt" --engine-path "$RUN/engine" --sqlite-path "$RUN/influxd.sqlite" \
    --http-bind-address "127.0.0.1:$PORT" --reporting-disabled --log-level warn >>"$RUN/influxd.log" 2>&1 &
  echo $! >"$RUN/pid"
  for _ in $(seq 1 120); do
    healthy && break
    kill -0 "$(cat "$RUN/pid")" 2>/dev/null || { log "influxd exited; see $RUN/influxd.log"; tail -n 20 "$RUN/influxd.log" >&2; exit 1; }
    sleep 0.5
  done
  healthy || { log "no /health after 60 s; see $RUN/influxd.log"; exit 1; }
  setup
}

# First start only: create the user, org, bucket and the all-access token that tests and the worker use.
setup() {
  local allowed
  allowed="$(curl -fsS "$URL/api/v2/setup" | tr -d '[:space:]')"
  [ "$allowed" = '{"allowed":true}' ] || return 0
  curl -fsS -X POST "$URL/api/v2/setup" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\",\"org\":\"$ORG\",\"bucket\":\"$BUCKET\",\"token\":\"$TOKEN\"}" >/dev/null
  log "set up org=$ORG bucket=$BUCKET"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped"
  fi
  rm -f "$RUN/pid"
}

status() {
  if running_pid >/dev/null && healthy; then echo "influxdb: running at $URL (pid $(running_pid))"; else echo "influxdb: stopped"; fi
}

env_lines() {
  echo "JAMWATCH_INFLUX_URL=$URL"
  echo "JAMWATCH_INFLUX_ORG=$ORG"
  echo "JAMWATCH_INFLUX_BUCKET=$BUCKET"
  echo "JAMWATCH_INFLUX_TOKEN=$TOKEN"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 build|start|stop|status|env" >&2; exit 2 ;;
esac
