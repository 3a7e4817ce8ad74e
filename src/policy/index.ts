export * from './policy-types.js';
export * from './load-policy.js';
export * from './evaluate-policy.js';
export * from './decide-verdict.js';
export * from './apply-allowlist.js';
export * from './judge-events.js';
export * from './rules-per-event.js';
