#!/usr/bin/env bash
# Builds a Debian bookworm base image without any container registry:
# debootstrap (minbase) into a temporary folder, then `docker import`.
# Usage: build-base.sh IMAGE_TAG
# The tools a CI runner has (curl, wget, git, python3, make, g++) are included
# so that a downloader in a package runs its real path instead of failing early.
set -euo pipefail

tag="${1:?usage: build-base.sh IMAGE_TAG}"
packages="strace,tini,curl,wget,git,python3,make,g++,procps,ca-certificates,iproute2,iptables,tcpdump"

[ "$(id -u)" = 0 ] || { echo "build-base: debootstrap needs root" >&2; exit 1; }
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "build-base: installing debootstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2; }
fi

rootfs="$(mktemp -d /var/tmp/dynaudit-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

echo "build-base: debootstrap bookworm into $rootfs (about a minute)" >&2
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" >&2
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

echo "build-base: importing as $tag" >&2
tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
echo "build-base: built $tag" >&2
