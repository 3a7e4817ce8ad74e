#!/usr/bin/env bash
# Host tools the integration tests need beyond Docker: tcpdump, for the
# containment test that captures on every host interface during a run.
# Installs Debian's package when missing (as root).
set -euo pipefail

command -v tcpdump >/dev/null 2>&1 && exit 0
[ "$(id -u)" = 0 ] || { echo "ensure-host-tools: tcpdump is missing and installing it needs root" >&2; exit 1; }
echo "ensure-host-tools: installing tcpdump" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq tcpdump >&2 || { apt-get update -qq >&2 && apt-get install -y -qq tcpdump >&2; }
command -v tcpdump >/dev/null 2>&1 || { echo "ensure-host-tools: tcpdump still missing after apt-get" >&2; exit 1; }
