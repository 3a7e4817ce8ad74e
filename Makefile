# dynaudit: the two commands a fresh machine needs are `make analyze PKG=...` and `make test`.
# Both set up everything themselves: npm dependencies, the TypeScript build,
# a Docker engine (as root, Debian's docker.io when none runs) and the sandbox image.
SHELL := /bin/bash
PKG ?= express@4.21.2
ARGS ?=
export TESTCONTAINERS_RYUK_DISABLED := true

.PHONY: analyze lockfile bench test test-unit test-integration setup deps build docker runsc image browser host-tools clean clean-containers

analyze: setup
	node dist/src/cli/main.js analyze $(PKG) $(ARGS)

# Every package of a lockfile: make lockfile LOCKFILE=path/to/package-lock.json
LOCKFILE ?= bench/app/package-lock.json
lockfile: setup
	node dist/src/cli/main.js lockfile $(LOCKFILE) $(ARGS)

# Lockfile benchmark (bench/app, 500+ packages): bare install vs dynaudit cold vs warm.
bench: setup
	npm run bench

test: setup runsc browser host-tools
	npm run typecheck
	npm run lint:unused
	npm run test:unit
	npm run test:integration
	npm run test:leftovers

test-unit: deps
	npm run test:unit

test-integration: setup runsc browser host-tools
	npm run test:integration
	npm run test:leftovers

setup: build docker image

deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: deps
	npm run build

docker:
	bash scripts/ensure-docker.sh

# gVisor for --runtime runsc (Debian's runsc, registered in daemon.json, dockerd reloaded with SIGHUP, never restarted).
runsc: docker
	bash scripts/ensure-runsc.sh

image: deps docker
	node --import tsx scripts/build-sandbox-image.ts

# tcpdump (the fake internet's containment test), systemd-analyze (the sweep's systemd units) and redis-server (the queue test) on the host; installed only when missing.
host-tools:
	bash scripts/ensure-host-tools.sh

# Headless Chromium (Debian's) for the HTML report's render test; installed only when missing.
browser:
	bash scripts/ensure-chromium.sh

# Removes the containers and volumes that runs whose dynaudit process died left behind
# (every run also does this before its first sandbox); ARGS=--all removes those of live runs too.
clean: build
	node dist/src/cli/main.js clean $(ARGS)

# Removes every container and volume carrying dynaudit's label, whoever runs them (no build needed).
clean-containers:
	-docker ps -aq --filter label=dev.dynaudit.tool=dynaudit | xargs -r docker rm -f
	-docker volume ls -q --filter label=dev.dynaudit.tool=dynaudit | xargs -r docker volume rm -f
