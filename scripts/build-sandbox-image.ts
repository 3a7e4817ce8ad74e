/** Builds the sandbox image if its inputs changed (the same step `dynaudit analyze` takes on first use). */
import { buildConfig } from '../src/common/config.js';
import { oneLine } from '../src/common/errors.js';
import { DockerEngine } from '../src/sandbox/docker-engine.js';
import { ensureSandboxImage } from '../src/sandbox/sandbox-image.js';

const config = buildConfig(process.env);
const engine = new DockerEngine();
try {
  await engine.ping();
  const tag = await ensureSandboxImage(engine, {
    imagesDir: config.imagesDir,
    ...(config.registry ? { registry: config.registry } : {}),
    onProgress: (message) => process.stderr.write(`sandbox-image: ${message}\n`),
  });
  process.stdout.write(`${tag}\n`);
} catch (error) {
  process.stderr.write(`sandbox-image: error: ${oneLine(error)}\n`);
  process.exitCode = 2;
}
