import { DynauditError, isDynauditError, oneLine } from '../common/errors.js';

/** What we were doing when a pacote/arborist call failed. */
export type FetchContext =
  | { readonly step: 'manifest'; readonly name: string; readonly range: string }
  | { readonly step: 'tarball'; readonly spec: string }
  | { readonly step: 'tree'; readonly subject: string };

/**
 * Turns an error from pacote, npm-registry-fetch or arborist into a
 * DynauditError with a one-line message. Only the analyzed package itself
 * can be E_PACKAGE_NOT_FOUND; a missing dependency makes the tree E_RESOLVE.
 */
export function toResolveError(error: unknown, context: FetchContext): DynauditError {
  if (isDynauditError(error)) {
    return error;
  }
  const code = errorCode(error);
  if (code === 'EINTEGRITY') {
    const subject = context.step === 'tarball' ? context.spec : context.step === 'tree' ? context.subject : context.name;
    return new DynauditError('E_INTEGRITY', `integrity check failed for "${subject}": ${oneLine(error)}`, { cause: error });
  }
  switch (context.step) {
    case 'manifest':
      if (code === 'E404') {
        return new DynauditError('E_PACKAGE_NOT_FOUND', `package "${context.name}" not found in the registry`, { cause: error });
      }
      if (code === 'ETARGET') {
        return new DynauditError('E_PACKAGE_NOT_FOUND', `no version of "${context.name}" matches "${context.range}"`, { cause: error });
      }
      return new DynauditError('E_RESOLVE', `cannot resolve "${context.name}@${context.range}": ${oneLine(error)}`, { cause: error });
    case 'tarball':
      return new DynauditError('E_RESOLVE', `cannot fetch the tarball of "${context.spec}": ${oneLine(error)}`, { cause: error });
    case 'tree':
      return new DynauditError('E_RESOLVE', `cannot build the dependency tree of "${context.subject}": ${treeReason(error, code)}`, { cause: error });
  }
}

function treeReason(error: unknown, code: string | undefined): string {
  const pkgid = (error as { pkgid?: unknown } | null)?.pkgid;
  if (code === 'E404' && typeof pkgid === 'string') {
    return `dependency "${pkgid}" not found in the registry`;
  }
  return oneLine(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
