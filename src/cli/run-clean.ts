/**
 * `dynaudit clean`: removes the containers, volumes and networks that runs
 * whose orchestrator died left behind (what every run also does when it
 * starts its first sandbox); `--all` removes every object with our label,
 * those of runs still going included.
 */
import { DockerEngine } from '../sandbox/docker-engine.js';
import { currentOwner, procProbe } from '../sandbox/owner.js';
import { reapLeftovers } from '../sandbox/reaper.js';

export async function runCleanCommand(options: { readonly all: boolean }, log: (message: string) => void): Promise<number> {
  const engine = new DockerEngine();
  await engine.ping();
  const result = await reapLeftovers(engine, {
    mode: options.all ? 'all' : 'orphans',
    self: currentOwner(),
    probe: procProbe,
    onWarning: (message) => log(`warning: ${message}`),
  });
  const runs = result.runs.length > 0 ? ` of run(s) ${result.runs.join(', ')}` : '';
  process.stdout.write(
    `removed ${result.containers.length} container(s), ${result.volumes.length} volume(s) and ${result.networks.length} network(s)${runs}\n`,
  );
  if (result.kept > 0) {
    process.stdout.write(`kept ${result.kept} object(s) of runs still going or of other machines (dynaudit clean --all removes them too)\n`);
  }
  return 0;
}
