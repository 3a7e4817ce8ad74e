/**
 * The registry npm's clients use when none is configured, read at run time
 * from npm-registry-fetch's defaults (pacote's fetcher), so no registry host
 * is written in this repository. Its defaults' file alone is a few lines;
 * reading it through pacote loaded the whole of pacote (~0.2 s) while the
 * run's bait was made, before the sandbox could start.
 */
import fetchDefaults from 'npm-registry-fetch/lib/default-opts.js';

export function defaultRegistryUrl(): string {
  return fetchDefaults.registry;
}
