/**
 * The phases a lockfile run has (pure): isolated mode analyzes each package
 * as `analyze` does, every configured phase; batch mode's chunk loader
 * imports the packages (today and days ahead) but has no execute phase
 * (yet), so its analyses are keyed, stored and reported as install and
 * import only.
 */
import type { Config } from '../../common/config.js';
import type { LockfileMode } from './lockfile-run.js';

export function lockfileConfig(config: Config, mode: LockfileMode): Config {
  return mode === 'batch' ? { ...config, phases: config.phases.filter((phase) => phase !== 'execute') } : config;
}
