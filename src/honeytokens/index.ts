export * from './call-secrets.js';
export * from './create-honeytokens.js';
export * from './detect-exfiltration.js';
export * from './find-tokens.js';
export * from './mark-handed.js';
export * from './mark-touched.js';
export * from './random-source.js';
export * from './staged-files.js';
export type { RsaJwk } from './openssh-private-key.js';
