export { openJobQueue, redactUrl, serveJobs } from './bullmq-queue.js';
export type { JobQueue } from './job-queue.js';
export { jobHandler } from './run-job.js';
export { queueBatchRunner } from './queue-batch-runner.js';
export { queueTreeAnalyzer } from './queue-tree-analyzer.js';
export { queueName, settingsOf } from './queue-jobs.js';
