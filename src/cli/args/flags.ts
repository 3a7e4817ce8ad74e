/** Every flag of every command (node:util parseArgs' table); which command takes which is in each command's parser. */
export const FLAGS = {
  format: { type: 'string' },
  policy: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  timeout: { type: 'string' },
  runtime: { type: 'string' },
  store: { type: 'string' },
  'no-cache': { type: 'boolean' },
  concurrency: { type: 'string' },
  mode: { type: 'string' },
  'no-fakenet': { type: 'boolean' },
  'no-vendor-hosts': { type: 'boolean' },
  artifacts: { type: 'string' },
  phases: { type: 'string' },
  queue: { type: 'string' },
  all: { type: 'boolean' },
  manager: { type: 'string' },
  'dry-run': { type: 'boolean' },
  check: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type FlagName = keyof typeof FLAGS;

/** Parsed flag values, as parseArgs returns them for FLAGS. */
export type FlagValues = {
  -readonly [K in FlagName]?: (typeof FLAGS)[K] extends { type: 'boolean' } ? boolean : (typeof FLAGS)[K] extends { multiple: true } ? string[] : string;
};

/** The flags every command that runs analyses takes. */
export const RUN_FLAGS: readonly FlagName[] = ['policy', 'fail-on', 'timeout', 'runtime', 'store', 'no-cache', 'concurrency', 'no-fakenet', 'no-vendor-hosts', 'artifacts', 'queue', 'phases'];
