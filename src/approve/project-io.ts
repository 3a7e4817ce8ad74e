/** The project's files on disk; a write goes to a temporary file renamed over the old one, so nothing is ever half written. */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DynauditError } from '../common/errors.js';

export interface ProjectIo {
  list(dir: string): Promise<Set<string>>;
  /** null when the file does not exist. */
  read(dir: string, file: string): Promise<string | null>;
  write(dir: string, file: string, text: string): Promise<void>;
}

export const diskProjectIo: ProjectIo = {
  async list(dir) {
    try {
      return new Set(await readdir(dir));
    } catch (error) {
      throw new DynauditError('E_PROJECT', `cannot read the project folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
  },
  async read(dir, file) {
    try {
      return await readFile(path.join(dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new DynauditError('E_PROJECT', `cannot read ${path.join(dir, file)}: ${(error as Error).message}`, { cause: error });
    }
  },
  async write(dir, file, text) {
    const target = path.join(dir, file);
    const temporary = path.join(dir, `.${file}.dynaudit-${randomBytes(4).toString('hex')}.tmp`);
    try {
      const mode = await stat(target).then((info) => info.mode & 0o777, () => 0o644);
      await writeFile(temporary, text, { mode, flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new DynauditError('E_PROJECT', `cannot write ${target}: ${(error as Error).message}`, { cause: error });
    }
  },
};
