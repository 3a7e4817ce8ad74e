/**
 * One tar stream of several host folders, for a single putArchive into the
 * runner's home: each folder's entries renamed to where it goes below the
 * home and owned by the runner, the folders one after another (tar-fs packs
 * each into the stream the first made, which is finalized after the last).
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import tarFs from 'tar-fs';
import { DynauditError } from '../common/errors.js';
import type { FolderCopy } from './sandbox.js';
import { HOME_DIR, RUNNER_UID } from './sandbox-layout.js';

/** Where `containerDir` is below the home ('' for the home itself); a folder outside it is refused (E_SANDBOX). */
export function homeRelative(containerDir: string): string {
  const relative = path.posix.relative(HOME_DIR, containerDir);
  if (relative === '..' || relative.startsWith('../') || path.posix.isAbsolute(relative)) {
    throw new DynauditError('E_SANDBOX', `cannot copy into ${containerDir}: only the runner's home (${HOME_DIR}) and folders below it are writable`);
  }
  return relative;
}

/** The archive's name of a folder's entry (`name` relative to its folder, '' or '.' for the folder itself). */
export function entryName(folder: string, name: string): string {
  const own = name === '' || name === '.' ? '' : name;
  if (folder === '') return own === '' ? '.' : own;
  return own === '' ? folder : `${folder}/${own}`;
}

/** The folders' contents as one tar stream to unpack in HOME_DIR. */
export function homeArchive(folders: readonly FolderCopy[]): Readable {
  const targets = folders.map((folder) => ({ hostDir: folder.hostDir, relative: homeRelative(folder.containerDir) }));
  if (targets.length === 0) throw new DynauditError('E_SANDBOX', 'nothing to copy into the sandbox');
  const packFrom = (index: number, into?: tarFs.Pack): tarFs.Pack => {
    const target = targets[index]!;
    const last = index === targets.length - 1;
    return tarFs.pack(target.hostDir, {
      ...(into ? { pack: into } : {}),
      finalize: last,
      finish: (pack) => {
        if (!last) packFrom(index + 1, pack);
      },
      map: (header) => ({ ...header, name: entryName(target.relative, header.name), uid: RUNNER_UID, gid: RUNNER_UID }),
    });
  };
  return packFrom(0) as unknown as Readable;
}
