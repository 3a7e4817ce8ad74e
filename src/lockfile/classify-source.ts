/**
 * Whether a lockfile entry can be fetched from a registry by name and
 * version, judged from what the lockfile records as its source (a
 * `resolved` URL, a pnpm resolution, or a yarn/npm v1 version spec).
 * Returns null for a registry package, else the reason it is skipped.
 */
export function skipReason(source: string | null): string | null {
  if (source === null || source === '') return null;
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(source) || /\.git(#|$)/.test(source)) {
    return 'git dependency: not fetchable from a registry by name and version';
  }
  if (source.startsWith('link:')) return 'link to a local folder';
  if (source.startsWith('file:')) return 'local file or folder (file:)';
  if (source.startsWith('workspace:')) return 'workspace package';
  if (/^https?:\/\//.test(source)) {
    // A registry tarball URL has `/-/`; any other URL is a remote tarball we will not fetch.
    return /\/-\/[^/]+\.tgz(#.*)?$/.test(source) ? null : 'remote tarball URL, not a registry package';
  }
  return `unsupported source ${source.split(':')[0] ?? source}`;
}

/** yarn v1 and old npm record a sha1 as the `#hex` fragment of the resolved URL; as an SRI string. */
export function sha1FromResolved(resolved: string | null): string | null {
  const hex = resolved === null ? undefined : /#([0-9a-f]{40})$/.exec(resolved)?.[1];
  return hex === undefined ? null : `sha1-${Buffer.from(hex, 'hex').toString('base64')}`;
}
