/**
 * The registry npm's clients use when none is configured, read at run time
 * from pacote (so no registry host is written in this repository).
 */
import { createRequire } from 'node:module';

type FetcherClass = new (spec: string, options: object) => { readonly registry: string };

/** Loads pacote (CommonJS) when first asked, not with this module: an analysis asks while its sandbox's bait is made. */
export function defaultRegistryUrl(): string {
  const { RegistryFetcher } = createRequire(import.meta.url)('pacote') as { RegistryFetcher: FetcherClass };
  return new RegistryFetcher('npm@latest', {}).registry;
}
