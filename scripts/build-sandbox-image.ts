/** Builds the sandbox and fakenet images if their inputs changed (the same steps `dynaudit analyze` takes on first use). */
import { buildConfig } from '../src/common/config.js';
import { oneLine } from '../src/common/errors.js';
import { DockerEngine } from '../src/sandbox/docker-engine.js';
import { ensureFakenetImage } from '../src/sandbox/fakenet-image.js';
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
  const fakenet = await ensureFakenetImage(engine, {
    imagesDir: config.imagesDir,
    sandboxImage: tag,
    onProgress: (message) => process.stderr.write(`fakenet-image: ${message}\n`),
  });
  process.stdout.write(`${fakenet}\n`);
} catch (error) {
  process.stderr.write(`sandbox-image: error: ${oneLine(error)}\n`);
  process.exitCode = 2;
}
