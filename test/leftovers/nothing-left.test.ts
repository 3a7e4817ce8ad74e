/**
 * Run after the integration suite, as a step of its own (`npm run
 * test:leftovers`, see the Makefile's test target), so it never depends on
 * the order AVA runs files in: no container, volume or network of dynaudit
 * is left whose owner process has died, none without an owner, and none
 * whose owner is a CLI this repository's tests started and never ended.
 * Objects of other dynaudit processes still running on the same engine
 * (another checkout, a user's run) are not ours to judge and are left out.
 */
import { readFileSync } from 'node:fs';
import test from 'ava';
import { DockerEngine } from '../../src/sandbox/docker-engine.js';
import { LABEL_TOOL, TOOL_NAME } from '../../src/sandbox/labels.js';
import { currentOwner, ownerFromLabels, ownerState, procProbe } from '../../src/sandbox/owner.js';
import type { LabelledObject } from '../../src/sandbox/reaper.js';
import { repoRoot } from '../helpers/run-cli.js';

const engine = new DockerEngine();
const filter = `${LABEL_TOOL}=${TOOL_NAME}`;

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Why the object is left over, or null when it belongs to a run still going elsewhere. */
function leftOver(object: LabelledObject): string | null {
  const owner = ownerFromLabels(object.labels);
  if (owner === null) return 'no owner labels';
  const state = ownerState(owner, currentOwner(), procProbe);
  if (state === 'dead') return `its owner (pid ${owner.pid}) has died`;
  if (state === 'alive' && commandLine(owner.pid).includes(`${repoRoot}/src/cli/main.ts`)) return `its owner is a CLI this suite started and never ended (pid ${owner.pid})`;
  return null;
}

for (const [kind, list] of [
  ['containers', () => engine.listContainers(filter)],
  ['volumes', () => engine.listVolumes(filter)],
  ['networks', () => engine.listNetworks(filter)],
] as const) {
  test(`after the integration suite no ${kind} of its runs are left`, async (t) => {
    const left = (await list()).map((object) => [object.id, leftOver(object)] as const).filter(([, why]) => why !== null);
    t.deepEqual(left, []);
  });
}
