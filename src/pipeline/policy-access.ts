/**
 * The one place the pipeline's policy loading is set up from the
 * configuration: the configured files, through the user's policy cache,
 * whose entries are this analyzer build's.
 */
import type { Config } from '../common/config.js';
import { analyzerVersion } from '../common/package-root.js';
import { loadPolicies, type Policy } from '../policy/index.js';

export function configuredPolicies(config: Pick<Config, 'policyFiles' | 'policyCacheDir'>): Promise<Policy> {
  return loadPolicies(config.policyFiles, { dir: config.policyCacheDir, analyzer: analyzerVersion() });
}
