import test from 'ava';
import { DynauditError } from '../../../src/common/errors.js';
import { parseSweepConfig } from '../../../src/sweep/sweep-config.js';

const FILE = '/srv/repo/nightly.yaml';

function invalid(t: import('ava').ExecutionContext, text: string, says: RegExp): void {
  const error = t.throws(() => parseSweepConfig(text, FILE), { instanceOf: DynauditError });
  t.is(error?.code, 'E_SWEEP');
  t.regex(error?.message ?? '', says);
}

test('the minimal file: paths relative to its folder, the manifest beside the lockfile, watch with its bounds', (t) => {
  const config = parseSweepConfig('projects:\n  - name: web\n    lockfile: web/package-lock.json\nwatch: true\n', FILE);
  t.deepEqual(config, {
    file: FILE,
    projects: [{ name: 'web', lockfile: '/srv/repo/web/package-lock.json', manifest: '/srv/repo/web/package.json' }],
    watch: { enabled: true, transitive: 20, releases: 20 },
    policyFiles: [],
  });
});

test('watch bounds, a manifest, policies and failOn may be given; watch is off unless asked', (t) => {
  const text = [
    'version: 1',
    'projects:',
    '  - { name: api, lockfile: ../api/yarn.lock, manifest: ../api/package.json }',
    'watch: { transitive: 0, releases: 5 }',
    'policy: team.yaml',
    'failOn: critical',
  ].join('\n');
  t.like(parseSweepConfig(text, FILE), {
    projects: [{ name: 'api', lockfile: '/srv/api/yarn.lock', manifest: '/srv/api/package.json' }],
    watch: { enabled: true, transitive: 0, releases: 5 },
    policyFiles: ['/srv/repo/team.yaml'],
    failOn: 'critical',
  });
  t.like(parseSweepConfig('projects: [{ name: a, lockfile: a.lock }]', FILE), { watch: { enabled: false } });
});

test('malformed files are E_SWEEP naming the file and the key', (t) => {
  invalid(t, 'projects: [', /invalid sweep file \/srv\/repo\/nightly\.yaml: not YAML/);
  invalid(t, 'projects: []', /projects must be a list of at least one/);
  invalid(t, 'projects: [{ name: web }]', /projects\[0\]\.lockfile must be a path/);
  invalid(t, 'projects: [{ name: "no spaces", lockfile: x }]', /projects\[0\]\.name must be/);
  invalid(t, 'projects: [{ name: a, lockfile: x }, { name: a, lockfile: y }]', /two projects are named "a"/);
  invalid(t, 'projects: [{ name: a, lockfile: x, lokfile: y }]', /unknown key projects\[0\]\.lokfile/);
  invalid(t, 'projects: [{ name: a, lockfile: x }]\nwatch: { transitive: -1 }', /watch\.transitive must be a whole number/);
  invalid(t, 'projects: [{ name: a, lockfile: x }]\nwatch: yes please', /watch must be true, false/);
  invalid(t, 'projects: [{ name: a, lockfile: x }]\nfailOn: severe', /failOn must be one of low, medium, high, critical/);
  invalid(t, 'projects: [{ name: a, lockfile: x }]\nschedule: nightly', /unknown key schedule/);
  invalid(t, 'version: 2\nprojects: [{ name: a, lockfile: x }]', /version must be 1/);
});
