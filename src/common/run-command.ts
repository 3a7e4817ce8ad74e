/**
 * The one place that starts host processes (our own scripts, never package
 * code). execa is loaded on the first command: an analysis whose images are
 * built already runs none, and loading it takes about 0.15 s.
 */
import { DynauditError, type ErrorCode } from './errors.js';

export interface RunCommandOptions {
  readonly cwd?: string;
  /** Called with each line the command prints on stderr (progress). */
  readonly onStderrLine?: (line: string) => void;
  readonly errorCode: ErrorCode;
  readonly what: string;
}

export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<string> {
  const { execa } = await import('execa');
  const subprocess = execa(file, args, { cwd: options.cwd, reject: false, all: false, stdin: 'ignore' });
  if (options.onStderrLine && subprocess.stderr) {
    let pending = '';
    subprocess.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') options.onStderrLine?.(line);
    });
  }
  const result = await subprocess;
  if (result.failed) {
    const stderr = String(result.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    throw new DynauditError(options.errorCode, `${options.what} failed (exit ${result.exitCode ?? 'none'}): ${stderr || result.shortMessage}`, {
      cause: result,
    });
  }
  return String(result.stdout ?? '');
}
