/** The help text (`dynaudit --help`). */
export const USAGE = `usage: dynaudit analyze <name[@version|range] | ./dir | ./pkg.tgz> [options]
       dynaudit lockfile <package-lock.json | npm-shrinkwrap.json | yarn.lock | pnpm-lock.yaml> [options]
       dynaudit sweep <sweep.yaml> [options]
       dynaudit diff <name@a> <name@b> [options]
       dynaudit approve [PROJECT_DIR] [--manager npm|pnpm|bun|yarn|lavamoat] [--dry-run | --check] [options]
       dynaudit worker --queue redis://HOST:PORT [--concurrency N]
       dynaudit clean [--all]

Installs and loads the package in a network-less, traced sandbox and judges
what it did against a policy. Report on stdout, progress on stderr.
Exit codes: 0 pass or warn, 1 fail (sweep: something new fails; diff: b adds a
finding at or above the threshold; approve --check: an approval of a failing or
unanalyzed script), 2 the analysis could not be done, 130 interrupted.

options:
  --format text|json|sarif|html|markdown
                            report format (default: text; sarif for code scanning, html one self-contained page,
                            markdown for a chat or an issue: sweep and diff only)
  --policy FILE             extra policy layered over the default (repeatable; later files win)
  --no-vendor-hosts         without the shipped list of vendors' download hosts (policies/vendor-download-hosts.yaml):
                            a known binary download then fails like any other (or DYNAUDIT_VENDOR_HOSTS=0)
  --fail-on low|medium|high|critical
                            lowest severity that fails (default: the policy's, high)
  --timeout SECONDS         wall-clock limit of each phase (default: 180)
  --runtime runc|runsc      container runtime (runsc: gVisor, must be set up in Docker)
  --store PATH              SQLite result store (default: ~/.cache/dynaudit/results.sqlite, or DYNAUDIT_STORE)
  --no-cache                analyze again even when the store has a result
  --concurrency N           sandboxes (lockfile: traced imports) at once (default: from CPUs and memory);
                            worker: jobs at once (default 1)
  --queue URL               send the analyses to workers (redis://[:PASSWORD@]HOST:PORT, rediss:// for TLS); this
                            process stores and judges what comes back (lockfile batch mode, analyze of registry packages)
  --mode batch|isolated     lockfile, sweep: one sandbox for the whole tree (default) or one per package
  --no-fakenet              no fake internet: the sandbox has no network at all (or DYNAUDIT_FAKENET=0)
  --artifacts DIR           keep each run's pcap and fake-internet log under DIR (or DYNAUDIT_ARTIFACTS_DIR)
  --phases LIST             phases to run, of install,import,execute (default: all three; install always; lockfile batch
                            mode executes the project's direct dependencies only)
  --manager M               approve: npm, pnpm, bun, yarn or lavamoat (default: from packageManager and the lockfile)
  --dry-run                 approve: print the change as a diff, write nothing
  --check                   approve: exit 1 when the project approves a failing or unanalyzed script (text, json or sarif)
  --all                     clean: remove every container and volume of dynaudit, runs still going included
                            (default: only what runs whose dynaudit process died left behind)
  -h, --help                this text`;
