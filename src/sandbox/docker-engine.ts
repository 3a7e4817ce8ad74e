/** The Docker implementation of ContainerEngine: the only file that imports dockerode. */
import type Docker from 'dockerode';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser as TarParser, type ReadEntry } from 'tar';
import { DynauditError } from '../common/errors.js';
import type { ContainerEngine, ContainerSpec, ContainerState, ExecOutcome, ExecSpec, VolumeOptions } from './container-engine.js';
import type { LabelledObject, ReaperEngine } from './reaper.js';

const HOW_TO_FIX =
  'start Docker (as root: `bash scripts/ensure-docker.sh` installs and starts it) or set DOCKER_HOST';

class CappedSink extends Writable {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  truncated = false;
  /** Every byte written, kept or dropped. */
  seen = 0;

  constructor(private readonly cap: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const room = this.cap - this.kept;
    this.seen += chunk.length;
    if (room > 0) {
      const part = chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    if (chunk.length > room) this.truncated = true;
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export class DockerEngine implements ContainerEngine, ReaperEngine {
  private client: Promise<Docker> | undefined;

  constructor(private readonly options?: Docker.DockerOptions) {}

  /** dockerode, loaded on the engine's first use: with ssh2 and gRPC it takes ~0.3 s, which a run the store answers never needs. */
  private api(): Promise<Docker> {
    this.client ??= import('dockerode').then(({ default: Dockerode }) => new Dockerode(this.options));
    return this.client;
  }

  async ping(): Promise<void> {
    try {
      await (await this.api()).ping();
    } catch (error) {
      throw new DynauditError('E_DOCKER_UNAVAILABLE', `no Docker engine answers (${(error as Error).message}); ${HOW_TO_FIX}`, {
        cause: error,
      });
    }
  }

  async imageExists(tag: string): Promise<boolean> {
    try {
      await (await this.api()).getImage(tag).inspect();
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  async buildImage(context: Readable, tag: string, buildArgs: Record<string, string>, onLine: (line: string) => void): Promise<void> {
    const docker = await this.api();
    const stream = await docker.buildImage(context, { t: tag, buildargs: buildArgs, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null, output: { error?: string }[]) => {
          const failed = error?.message ?? output.find((entry) => entry.error)?.error;
          if (failed) reject(new DynauditError('E_IMAGE_BUILD', `building ${tag} failed: ${failed}`));
          else resolve();
        },
        (event: { stream?: string }) => {
          for (const line of (event.stream ?? '').split('\n')) if (line.trim() !== '') onLine(line);
        },
      );
    });
  }

  async createVolume(name: string, labels: Record<string, string>, options?: VolumeOptions): Promise<void> {
    const driverOpts = options
      ? { type: 'tmpfs', device: 'tmpfs', o: `size=${options.tmpfsBytes},uid=${options.uid},gid=${options.gid},mode=${options.mode}` }
      : undefined;
    await (await this.api()).createVolume({ Name: name, Labels: labels, ...(driverOpts ? { DriverOpts: driverOpts } : {}) });
  }

  async listContainers(labelFilter: string): Promise<LabelledObject[]> {
    const containers = await (await this.api()).listContainers({ all: true, filters: { label: [labelFilter] } });
    return containers.map((container) => ({ id: container.Id, labels: container.Labels ?? {} }));
  }

  async listVolumes(labelFilter: string): Promise<LabelledObject[]> {
    const { Volumes } = await (await this.api()).listVolumes({ filters: { label: [labelFilter] } });
    return (Volumes ?? []).map((volume) => ({ id: volume.Name, labels: volume.Labels ?? {} }));
  }

  async listNetworks(labelFilter: string): Promise<LabelledObject[]> {
    const networks = await (await this.api()).listNetworks({ filters: { label: [labelFilter] } });
    return networks.map((network) => ({ id: network.Id, labels: network.Labels ?? {} }));
  }

  async removeNetwork(id: string): Promise<void> {
    await (await this.api()).getNetwork(id).remove();
  }

  async containerState(id: string): Promise<ContainerState> {
    const { State } = await (await this.api()).getContainer(id).inspect();
    return { running: State.Running, oomKilled: State.OOMKilled, exitCode: State.Running ? null : State.ExitCode };
  }

  async updatePidsLimit(id: string, pidsLimit: number): Promise<void> {
    await (await this.api()).getContainer(id).update({ PidsLimit: pidsLimit });
  }

  async removeVolume(name: string): Promise<void> {
    await (await this.api()).getVolume(name).remove({ force: true });
  }

  async createAndStart(name: string, spec: ContainerSpec): Promise<string> {
    const container = await (await this.api()).createContainer({
      name,
      Image: spec.image,
      Cmd: [...spec.command],
      Hostname: spec.hostname,
      Labels: spec.labels,
      Env: [...spec.env],
      User: spec.user,
      WorkingDir: spec.workingDir,
      HostConfig: {
        NetworkMode: spec.networkMode,
        Dns: [...spec.dns],
        ...(spec.extraHosts ? { ExtraHosts: [...spec.extraHosts] } : {}),
        CapDrop: ['ALL'],
        CapAdd: [...spec.capAdd],
        SecurityOpt: [...spec.securityOpt],
        ReadonlyRootfs: spec.readonlyRootfs,
        Tmpfs: spec.tmpfs,
        Mounts: spec.volumes.map((volume) => ({ Type: 'volume' as const, Source: volume.name, Target: volume.target })),
        Memory: spec.memoryBytes,
        MemorySwap: spec.memoryBytes,
        PidsLimit: spec.pidsLimit,
        NanoCpus: spec.nanoCpus,
        ...(spec.runtime ? { Runtime: spec.runtime } : {}),
      },
    });
    await container.start();
    return container.id;
  }

  async removeContainer(id: string): Promise<void> {
    await (await this.api()).getContainer(id).remove({ force: true, v: true });
  }

  async signalContainer(id: string, signal: string): Promise<void> {
    await (await this.api()).getContainer(id).kill({ signal });
  }

  async exec(containerId: string, spec: ExecSpec): Promise<ExecOutcome> {
    const docker = await this.api();
    const exec = await docker.getContainer(containerId).exec({
      Cmd: [...spec.command],
      User: spec.user,
      Env: spec.env ? [...spec.env] : undefined,
      WorkingDir: spec.workingDir,
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    spec.onStarted?.();
    const stdout = new CappedSink(spec.outputCapBytes);
    const stderr = new CappedSink(spec.outputCapBytes);
    docker.modem.demuxStream(stream, stdout, stderr);
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      new Promise<true>((resolve) => {
        stream.on('end', () => resolve(true));
        stream.on('close', () => resolve(true));
        stream.on('error', () => resolve(true));
      }),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), spec.deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    if (!ended) stream.destroy();
    const info = ended ? await exec.inspect() : undefined;
    return {
      exitCode: info && !info.Running ? (info.ExitCode ?? null) : null,
      stdout: stdout.text(),
      stderr: stderr.text(),
      truncated: stdout.truncated || stderr.truncated,
      outputBytes: stdout.seen + stderr.seen,
    };
  }

  async putArchive(containerId: string, tarStream: Readable, targetDir: string): Promise<void> {
    const body = new PassThrough();
    tarStream.pipe(body);
    await (await this.api()).getContainer(containerId).putArchive(body, { path: targetDir });
  }

  async readFile(containerId: string, path: string, maxBytes: number): Promise<{ content: Buffer; truncated: boolean }> {
    const archive = (await (await this.api()).getContainer(containerId).getArchive({ path })) as unknown as Readable;
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    const parser = new TarParser({
      onReadEntry: (entry: ReadEntry) => {
        if (entry.type !== 'File') {
          entry.resume();
          return;
        }
        entry.on('data', (chunk: Buffer) => {
          const room = maxBytes - kept;
          if (room > 0) {
            const part = chunk.subarray(0, room);
            chunks.push(part);
            kept += part.length;
          }
          if (chunk.length > room) truncated = true;
        });
      },
    });
    await pipeline(archive, parser);
    return { content: Buffer.concat(chunks), truncated };
  }

  async readFolder(containerId: string, path: string, maxBytes: number): Promise<Map<string, { content: Buffer; truncated: boolean }>> {
    const archive = (await (await this.api()).getContainer(containerId).getArchive({ path })) as unknown as Readable;
    const files = new Map<string, { chunks: Buffer[]; kept: number; truncated: boolean }>();
    const parser = new TarParser({
      onReadEntry: (entry: ReadEntry) => {
        // Entries are named after the folder itself: `fakenet/status` for /var/log/fakenet.
        const name = entry.path.split('/').slice(1).join('/');
        if (entry.type !== 'File' || name === '') {
          entry.resume();
          return;
        }
        const file = { chunks: [] as Buffer[], kept: 0, truncated: false };
        files.set(name, file);
        entry.on('data', (chunk: Buffer) => {
          const room = maxBytes - file.kept;
          if (room > 0) {
            const part = chunk.subarray(0, room);
            file.chunks.push(part);
            file.kept += part.length;
          }
          if (chunk.length > room) file.truncated = true;
        });
      },
    });
    await pipeline(archive, parser);
    return new Map([...files].map(([name, file]) => [name, { content: Buffer.concat(file.chunks), truncated: file.truncated }]));
  }
}
