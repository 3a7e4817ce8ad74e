import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import npa from 'npm-package-arg';
import semver from 'semver';
import { DynauditError, oneLine } from '../common/errors.js';
import { computeIntegrity } from './integrity.js';
import { hasLocalInstallScript } from './local-install-script.js';
import type { RegistryClient } from './registry-client.js';
import type { PackageSpec } from './types.js';

export type LocalSpec = Extract<PackageSpec, { kind: 'directory' | 'tarball' }>;

export interface LocalPackage {
  readonly name: string;
  readonly version: string;
  /** sha512 SRI of the tarball copied into the project. */
  readonly integrity: string;
  /** Its file name in the project dir, e.g. `scope-name-1.0.0.tgz`. */
  readonly fileName: string;
  readonly hasInstallScript: boolean;
}

/**
 * Turns a local directory or tarball into `<projectDir>/<name>-<version>.tgz`.
 * A directory is packed like `npm pack --ignore-scripts` (its `prepare`
 * never runs). `scratchDir` (created, left for the caller to remove) is
 * where the tarball is unpacked to look for a binding.gyp.
 */
export async function prepareLocalPackage(
  spec: LocalSpec,
  projectDir: string,
  client: RegistryClient,
  scratchDir: string,
): Promise<LocalPackage> {
  const fileSpec = `file:${spec.path}`;
  const manifest = await client.manifest(fileSpec).catch((error: unknown) => {
    throw localError(spec, error);
  });
  const { name, version } = manifest;
  if (!isValidName(name)) {
    throw badPackage(spec, `its package.json has an invalid name ${JSON.stringify(name)}`);
  }
  if (typeof version !== 'string' || semver.valid(version) === null) {
    throw badPackage(spec, `its package.json has an invalid version ${JSON.stringify(version)}`);
  }

  const data = await (spec.kind === 'directory' ? client.tarball(fileSpec) : readFile(spec.path)).catch(
    (error: unknown) => {
      throw badPackage(spec, `cannot pack it: ${oneLine(error)}`, error);
    },
  );
  const fileName = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  const tarballPath = join(projectDir, fileName);
  await writeFile(tarballPath, data);

  const hasInstallScript = await hasLocalInstallScript(client, tarballPath, scratchDir).catch((error: unknown) => {
    throw localError(spec, error);
  });
  return { name, version, integrity: computeIntegrity(data), fileName, hasInstallScript };
}

function isValidName(name: unknown): name is string {
  if (typeof name !== 'string' || name === '') {
    return false;
  }
  try {
    const parsed = npa(name);
    return parsed.registry && parsed.name === name;
  } catch {
    return false;
  }
}

function localError(spec: LocalSpec, error: unknown): DynauditError {
  if (error instanceof DynauditError) {
    return error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (spec.kind === 'directory' && code === 'ENOENT') {
    const file = join(spec.path, 'package.json');
    return new DynauditError('E_BAD_SPEC', `invalid package spec ${JSON.stringify(spec.raw)}: no ${file}`, {
      cause: error,
    });
  }
  if (code === 'EJSONPARSE') {
    const where = spec.kind === 'directory' ? join(spec.path, 'package.json') : 'its package.json';
    return badPackage(spec, `${where} is not valid JSON`, error);
  }
  if (spec.kind === 'tarball') {
    return badPackage(spec, `not a valid package tarball (${oneLine(error)})`, error);
  }
  return badPackage(spec, oneLine(error), error);
}

function badPackage(spec: LocalSpec, reason: string, cause?: unknown): DynauditError {
  return new DynauditError('E_BAD_TARBALL', `${JSON.stringify(spec.raw)}: ${reason}`, { cause });
}
