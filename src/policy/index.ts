export * from './policy-types.js';
export * from './load-policy.js';
export * from './evaluate-policy.js';
export * from './decide-verdict.js';
