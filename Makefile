# dynaudit: the two commands a fresh machine needs are `make analyze PKG=...` and `make test`.
# Both set up everything themselves: npm dependencies, the TypeScript build,
# a Docker engine (as root, Debian's docker.io when none runs) and the sandbox image.
SHELL := /bin/bash
PKG ?= express@4.21.2
ARGS ?=
export TESTCONTAINERS_RYUK_DISABLED := true

.PHONY: analyze test test-unit test-integration setup deps build docker image clean-containers

analyze: setup
	node dist/src/cli/main.js analyze $(PKG) $(ARGS)

test: setup
	npm run test:unit
	npm run test:integration

test-unit: deps
	npm run test:unit

test-integration: setup
	npm run test:integration

setup: build docker image

deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: deps
	npm run build

docker:
	bash scripts/ensure-docker.sh

image: deps docker
	node --import tsx scripts/build-sandbox-image.ts

# Removes every container and volume carrying dynaudit's label (leftovers of crashed runs).
clean-containers:
	-docker ps -aq --filter label=dev.dynaudit.tool=dynaudit | xargs -r docker rm -f
	-docker volume ls -q --filter label=dev.dynaudit.tool=dynaudit | xargs -r docker volume rm -f
