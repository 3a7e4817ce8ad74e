#!/usr/bin/env bash
# Makes sure a Docker engine answers on its socket.
# Uses a running engine when there is one; otherwise (as root) installs Debian's
# docker.io when missing, starts dockerd in the background and waits for it.
set -euo pipefail

socket="${DOCKER_SOCKET:-/var/run/docker.sock}"
log="${DOCKERD_LOG:-/var/log/dynaudit-dockerd.log}"

fail() { echo "ensure-docker: $*" >&2; exit 1; }
engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers; then
  exit 0
fi

[ "$(id -u)" = 0 ] || fail "no Docker engine answers on $socket, and starting one needs root (run as root, or start Docker and retry)"

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-docker: installing Debian's docker.io" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || fail "apt-get update failed"
  apt-get install -y -qq docker.io iptables >&2 || fail "apt-get install docker.io failed"
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "ensure-docker: starting dockerd (log: $log)" >&2
  nohup dockerd >"$log" 2>&1 &
fi

for _ in $(seq 1 60); do
  if [ -S "$socket" ] && engine_answers; then
    exit 0
  fi
  sleep 0.5
done
fail "dockerd did not answer on $socket within 30 s; see $log"
