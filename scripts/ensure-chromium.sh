#!/usr/bin/env bash
# Headless Chromium for the HTML report's render test: Debian's `chromium`,
# installed with apt-get only when no chromium is on the PATH (needs root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing and this is not root: install Debian's chromium package" >&2
  exit 1
fi
echo "installing Debian's chromium (for the HTML report render test)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
