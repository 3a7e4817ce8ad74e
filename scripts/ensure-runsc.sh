#!/usr/bin/env bash
# Makes gVisor's runtime available to Docker as `runsc` (for `dynaudit --runtime runsc`).
# - installs Debian's runsc package when missing (needs root);
# - registers it in Docker's daemon.json with `--platform=ptrace --network=none`
#   (the settings that work on these machines), keeping every other setting;
# - makes dockerd reload daemon.json with SIGHUP: `runtimes` is a reloadable
#   option, so the engine is never restarted and running containers are untouched.
# Does nothing when Docker already lists a runsc runtime.
set -euo pipefail

conf="${DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}"
runsc_path="${RUNSC_PATH:-/usr/bin/runsc}"

fail() { echo "ensure-runsc: $*" >&2; exit 1; }
has_runtime() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }

has_runtime && exit 0
[ "$(id -u)" = 0 ] || fail "Docker has no runsc runtime and setting it up needs root (see docs/containment.md, \"Hardened runtime\")"

if ! [ -x "$runsc_path" ]; then
  echo "ensure-runsc: installing Debian's runsc (gVisor)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq runsc >&2 || { apt-get update -qq >&2 && apt-get install -y -qq runsc >&2; } || fail "apt-get install runsc failed"
fi

mkdir -p "$(dirname "$conf")"
# Merge with node (always present here): keep the file's other settings.
node - "$conf" "$runsc_path" <<'EOF'
const fs = require('node:fs');
const [conf, runscPath] = process.argv.slice(2);
let settings = {};
if (fs.existsSync(conf)) {
  const text = fs.readFileSync(conf, 'utf8').trim();
  if (text !== '') settings = JSON.parse(text);
}
settings.runtimes = { ...(settings.runtimes ?? {}), runsc: { path: runscPath, runtimeArgs: ['--platform=ptrace', '--network=none'] } };
fs.writeFileSync(`${conf}.tmp`, `${JSON.stringify(settings, null, 2)}\n`);
fs.renameSync(`${conf}.tmp`, conf);
EOF

pid="$(pgrep -xo dockerd || true)"
[ -n "$pid" ] || fail "no dockerd process to reload; start Docker (bash scripts/ensure-docker.sh) and retry"
echo "ensure-runsc: registered runsc in $conf; reloading dockerd (pid $pid) with SIGHUP" >&2
kill -HUP "$pid"
for _ in $(seq 1 40); do
  has_runtime && exit 0
  sleep 0.25
done
fail "dockerd did not list the runsc runtime after reloading $conf; check its log"
