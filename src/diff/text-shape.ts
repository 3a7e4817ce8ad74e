/**
 * The shape of a command line, a path or a name (pure): the parts that
 * change from run to run — the sandbox's folders, long hexadecimal or
 * random-looking tokens, numbers — replaced by placeholders, so that what
 * two versions do compares by what they run and touch, not by this run's
 * pids, temporary names or tokens.
 */
import path from 'node:path';

/** The sandbox's folders, named in shapes by placeholders. */
export interface ShapeContext {
  readonly homeDir: string;
  readonly projectDir: string;
}

const MAX_ARGS = 12;
const MAX_CHARS = 120;

function clip(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

function inFolders(text: string, context: ShapeContext): string {
  return text.split(context.projectDir).join('{project}').split(context.homeDir).join('~');
}

/** Hex runs of 8+ and mixed letter-and-digit runs of 20+ become `<token>`; names keep their plain digits. */
export function nameShape(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/[0-9a-f]{8,}|(?=[a-z0-9_]*[0-9])(?=[a-z0-9_]*[a-z])[a-z0-9_]{20,}/g, '<token>');
}

/** A path or argument: folders named, tokens and numbers replaced. */
export function textShape(text: string, context: ShapeContext): string {
  const named = inFolders(text, context)
    .replace(/[0-9a-fA-F]{8,}|(?=[A-Za-z0-9+_=]*[0-9])(?=[A-Za-z0-9+_=]*[A-Za-z])[A-Za-z0-9+_=]{20,}/g, '<token>')
    .replace(/\d+/g, 'N');
  return clip(named);
}

/** `program arg…`: the program by its file name, at most 12 arguments, each shaped. */
export function argvShape(argv: readonly string[], executable: string, context: ShapeContext): string {
  const program = path.posix.basename(argv[0] ?? executable) || path.posix.basename(executable);
  const args = argv.slice(1, 1 + MAX_ARGS).map((arg) => textShape(arg, context));
  const more = argv.length > 1 + MAX_ARGS ? [`(+${argv.length - 1 - MAX_ARGS} more)`] : [];
  return [program, ...args, ...more].join(' ');
}
