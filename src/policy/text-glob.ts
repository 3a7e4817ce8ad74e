/**
 * Globs over command lines and DNS names (pure). Path globs are in glob.ts.
 * Command lines: `*` matches any run of characters (spaces and slashes too),
 * `?` one character. DNS names (case-insensitive, trailing dot ignored):
 * `*` matches within one label, `**` across labels.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

const cache = new Map<string, RegExp>();

function compiled(key: string, build: () => RegExp): RegExp {
  let regExp = cache.get(key);
  if (!regExp) {
    regExp = build();
    cache.set(key, regExp);
  }
  return regExp;
}

function commandLineGlob(glob: string): RegExp {
  return compiled(`argv:${glob}`, () => new RegExp(`^${escapeRegExp(glob).replace(/\\\*/g, '[\\s\\S]*').replace(/\\\?/g, '[\\s\\S]')}$`));
}

function nameGlob(glob: string): RegExp {
  return compiled(`name:${glob}`, () => {
    const body = escapeRegExp(glob.toLowerCase().replace(/\.$/, ''))
      .replace(/\\\*\\\*/g, '.*')
      .replace(/\\\*/g, '[^.]*')
      .replace(/\\\?/g, '[^.]');
    return new RegExp(`^${body}$`, 's');
  });
}

/** The command line a rule's `argv` globs are matched against. */
function commandLine(argv: readonly string[]): string {
  return argv.join(' ');
}

export function commandMatchesAny(argv: readonly string[], globs: readonly string[]): boolean {
  const line = commandLine(argv);
  return globs.some((glob) => commandLineGlob(glob).test(line));
}

export function nameMatchesAny(name: string, globs: readonly string[]): boolean {
  const normalised = name.toLowerCase().replace(/\.$/, '');
  return globs.some((glob) => nameGlob(glob).test(normalised));
}
