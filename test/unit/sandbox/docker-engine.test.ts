import { createRequire } from 'node:module';
import test from 'ava';
import { DockerEngine } from '../../../src/sandbox/docker-engine.js';

test('making the engine loads no Docker client: a run the store answers whole never pays for loading one', (t) => {
  const engine = new DockerEngine();
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  t.truthy(engine);
  t.false(loaded.some((file) => file.includes('/node_modules/dockerode/')));
  t.false(loaded.some((file) => file.includes('/node_modules/ssh2/')));
});
