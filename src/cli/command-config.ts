/** The one place a command's flags become the configuration (with the injected environment). */
import { buildConfig, type Config, type Environment } from '../common/config.js';
import type { RunOptions } from './args/run-options.js';

export function configFor(command: RunOptions, env: Environment): Config {
  return buildConfig(env, {
    policyFiles: command.policyFiles,
    ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
    ...(command.runtime ? { runtime: command.runtime } : {}),
    ...(command.storePath ? { storePath: command.storePath } : {}),
    ...(command.concurrency ? { concurrency: command.concurrency } : {}),
    ...(command.noFakenet ? { fakenet: false } : {}),
    ...(command.noVendorHosts ? { vendorHosts: false } : {}),
    ...(command.artifactsDir !== undefined ? { artifactsDir: command.artifactsDir } : {}),
    ...(command.phases ? { phases: command.phases } : {}),
  });
}
