export * from './create-honeytokens.js';
export * from './detect-exfiltration.js';
export * from './find-tokens.js';
export * from './mark-touched.js';
export * from './random-source.js';
export type { RsaJwk } from './openssh-private-key.js';
