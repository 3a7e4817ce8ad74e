/**
 * The ScriptProbe for lockfiles that do not record install scripts: each
 * package's tarball fetched by name, version and integrity from the
 * configured registry and unpacked (never run) in a scratch folder, removed
 * when disposed. A package that cannot be read counts as having scripts, so
 * it is listed (and its analysis says why) rather than silently left out.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { hasInstallScript } from '../resolve/local-install-script.js';
import { createPacoteClient } from '../resolve/registry-client.js';
import type { ScriptProbe } from './scripted-packages.js';

export function tarballScriptProbe(workDir: string, registry: string | undefined, onProgress: (message: string) => void): ScriptProbe & AsyncDisposable {
  let scratch: Promise<string> | undefined;
  return {
    async hasInstallScript(pkg) {
      scratch ??= mkdir(workDir, { recursive: true }).then(() => mkdtemp(path.join(workDir, 'approve-probe-')));
      const dir = await scratch;
      const client = createPacoteClient({ cacheDir: path.join(dir, 'cache'), ...(registry ? { registry } : {}) });
      const unpacked = await mkdtemp(path.join(dir, 'pkg-'));
      try {
        return await hasInstallScript(client, `${pkg.name}@${pkg.version}`, unpacked, pkg.integrity ?? undefined);
      } catch (error) {
        onProgress(`warning: cannot read ${pkg.name}@${pkg.version}'s package.json (${(error as Error).message.split('\n')[0]}); listed as having scripts`);
        return true;
      } finally {
        await rm(unpacked, { recursive: true, force: true });
      }
    },
    async [Symbol.asyncDispose]() {
      if (scratch) await rm(await scratch, { recursive: true, force: true });
    },
  };
}
