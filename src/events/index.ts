export * from './types.js';
export * from './finding.js';
