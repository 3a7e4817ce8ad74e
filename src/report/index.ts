export * from './report-model.js';
export * from './summarize-events.js';
export * from './format-text.js';
export * from './format-json.js';
export * from './format-sarif.js';
export * from './format-html.js';
