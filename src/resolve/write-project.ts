import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes the package.json of the small private project that depends on the
 * analyzed package only (`dependencySpec`: an exact version or `file:./x.tgz`).
 */
export async function writeProject(projectDir: string, dependency: string, dependencySpec: string): Promise<void> {
  // npm refuses to install a package into a project of the same name.
  const name = dependency === 'app' ? 'dynaudit-app' : 'app';
  const manifest = { name, version: '1.0.0', private: true, dependencies: { [dependency]: dependencySpec } };
  await writeFile(join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
