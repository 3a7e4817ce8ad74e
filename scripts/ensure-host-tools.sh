#!/usr/bin/env bash
# Host tools the integration tests need beyond Docker: tcpdump, for the
# containment test that captures on every host interface during a run;
# systemd-analyze (Debian's systemd package), for the check of the sweep's
# systemd units; and redis-server, for the queue test (it starts its own on
# 127.0.0.1; the package's service is not used). Installs Debian's packages
# when missing (as root).
set -euo pipefail

missing=()
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" = 0 ] && exit 0
[ "$(id -u)" = 0 ] || { echo "ensure-host-tools: ${missing[*]} missing and installing needs root" >&2; exit 1; }
echo "ensure-host-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2; }
for tool in tcpdump systemd-analyze redis-server; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ensure-host-tools: $tool still missing after apt-get" >&2; exit 1; }
done
