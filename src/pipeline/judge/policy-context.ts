/**
 * What a sandbox's events are judged in: `~` and `{project}` are the
 * sandbox's folders, `{registry}` the host npm's clients use by default
 * (read from them, so no registry host is written in this repository; only
 * when a rule asks, since that loads pacote).
 */
import type { PolicyContext } from '../../policy/index.js';
import { defaultRegistryUrl } from '../../resolve/default-registry.js';
import { HOME_DIR, PROJECT_DIR } from '../../sandbox/sandbox-layout.js';

let registryHosts: readonly string[] | undefined;

const SANDBOX_CONTEXT: PolicyContext = {
  homeDir: HOME_DIR,
  projectDir: PROJECT_DIR,
  get registryHosts(): readonly string[] {
    registryHosts ??= [new URL(defaultRegistryUrl()).hostname];
    return registryHosts;
  },
};

export function sandboxPolicyContext(): PolicyContext {
  return SANDBOX_CONTEXT;
}
