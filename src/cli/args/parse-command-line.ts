/** Command-line parsing (pure): argv -> a command, or a usage error naming what is wrong. */
import { parseArgs } from 'node:util';
import { COMMANDS, type Command } from './commands.js';
import { FLAGS, type FlagName, type FlagValues } from './flags.js';
import { usageError } from './values.js';

/** `a`, `a and b`, `a, b and c` */
const listed = (items: readonly string[]): string => (items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** `--manager, --dry-run and --check apply to the approve command only` */
function misplaced(given: readonly FlagName[]): string {
  const owners = Object.entries(COMMANDS)
    .filter(([, parser]) => given.every((flag) => parser.flags.includes(flag)))
    .map(([name]) => name);
  const flags = given.map((flag) => `--${flag}`);
  const verb = flags.length === 1 ? 'applies' : 'apply';
  return owners.length > 0 ? `${listed(flags)} ${verb} to the ${listed(owners)} command${owners.length > 1 ? 's' : ''} only` : `${listed(flags)} cannot be used with this command`;
}

export function parseCommandLine(argv: readonly string[]): Command {
  let values: FlagValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: FLAGS }) as { values: FlagValues; positionals: string[] });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [name = '', ...args] = positionals;
  const parser = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!parser) throw usageError(`unknown command "${name}"; this version has: ${Object.keys(COMMANDS).join(', ')}`);
  const foreign = (Object.keys(values) as FlagName[]).filter((flag) => flag !== 'help' && values[flag] !== undefined && !parser.flags.includes(flag));
  if (foreign.length > 0) throw usageError(misplaced(foreign));
  return parser.parse(values, args);
}
