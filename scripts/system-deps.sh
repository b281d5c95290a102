#!/usr/bin/env bash
# Installs the Debian packages the local servers and tests need, when they are missing (as root, with apt-get);
# otherwise prints the command to run. Go, Rust (cargo) and Node.js come with the machine image.
#   scripts/system-deps.sh [extra-package…]
set -euo pipefail
missing=()
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v curl >/dev/null || missing+=(curl)
command -v gcc >/dev/null || missing+=(build-essential)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v chromium >/dev/null || missing+=(chromium)
missing+=("$@")
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[system-deps] installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "[system-deps] missing: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
for tool in go cargo; do
  command -v "$tool" >/dev/null || { echo "[system-deps] $tool is needed to build InfluxDB (Go from go.dev, Rust by rustup)" >&2; exit 1; }
done
