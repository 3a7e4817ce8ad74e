import { createRequire } from 'node:module';

/** The part of @npmcli/arborist (which ships no types) that the resolve stage uses. */
interface ArboristOptions {
  readonly path: string;
  readonly cache: string;
  readonly registry?: string;
  readonly ignoreScripts: true;
  readonly packageLockOnly: boolean;
  readonly lockfileVersion: 3;
  readonly audit: false;
  readonly fund: false;
  /** Resolve packages built for another platform instead of failing with EBADPLATFORM. */
  readonly force?: boolean;
}

interface ArboristInstance {
  reify(options?: Record<string, unknown>): Promise<unknown>;
}

export type ArboristConstructor = new (options: ArboristOptions) => ArboristInstance;

/** Loads arborist's constructor (CommonJS, untyped) behind the interface above. */
export function loadArborist(): ArboristConstructor {
  const require = createRequire(import.meta.url);
  return require('@npmcli/arborist') as ArboristConstructor;
}
