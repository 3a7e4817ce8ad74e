/**
 * The registry npm's clients use when none is configured, read at run time
 * from pacote (so no registry host is written in this repository).
 */
import pacote from 'pacote';

type FetcherClass = new (spec: string, options: object) => { readonly registry: string };

export function defaultRegistryUrl(): string {
  const Fetcher = (pacote as unknown as { RegistryFetcher: FetcherClass }).RegistryFetcher;
  return new Fetcher('npm@latest', {}).registry;
}
