/** A ContainerEngine fake that records calls and plays scripted fakenet statuses. */
import type { Readable } from 'node:stream';
import type { ContainerEngine, ContainerSpec, ExecOutcome, ExecSpec } from '../../../src/sandbox/container-engine.js';

export class FakeEngine implements ContainerEngine {
  readonly calls: string[] = [];
  readonly specs = new Map<string, ContainerSpec>();
  /** Every exec, as asked for. */
  readonly execs: ExecSpec[] = [];
  /** Status file contents the sidecar shows on successive reads (the last one repeats); null: still the image's `starting`. */
  statuses: (string | null)[] = [null, 'ready'];
  /** Files readFile returns, by path. */
  files = new Map<string, string>();
  /** When set, the sidecar has exited: exec into it fails. */
  sidecarExited = false;
  /** When set, the sidecar's container cannot be created. */
  sidecarRefused = false;
  private created = 0;

  async ping(): Promise<void> {}
  async imageExists(): Promise<boolean> {
    return true;
  }
  async buildImage(): Promise<void> {}
  async createVolume(name: string): Promise<void> {
    this.calls.push(`createVolume ${name}`);
  }
  async removeVolume(name: string): Promise<void> {
    this.calls.push(`removeVolume ${name}`);
  }
  async createAndStart(name: string, spec: ContainerSpec): Promise<string> {
    this.created += 1;
    if (name.startsWith('dynaudit-fakenet') && this.sidecarRefused) throw new Error('no such image: fakenet:test');
    const id = name.startsWith('dynaudit-fakenet') ? `fakenet-${this.created}` : `sandbox-${this.created}`;
    this.specs.set(id, spec);
    this.calls.push(`create ${id}`);
    return id;
  }
  async removeContainer(id: string): Promise<void> {
    this.calls.push(`remove ${id}`);
  }
  async signalContainer(id: string, signal: string): Promise<void> {
    this.calls.push(`signal ${id} ${signal}`);
    if (this.sidecarExited) throw new Error('container is not running');
    this.statuses = [`collected 1`];
  }
  async containerState(): Promise<{ running: boolean; oomKilled: boolean; exitCode: number | null }> {
    return { running: true, oomKilled: false, exitCode: null };
  }
  async updatePidsLimit(id: string, pidsLimit: number): Promise<void> {
    this.calls.push(`updatePidsLimit ${id} ${pidsLimit}`);
  }
  async exec(containerId: string, spec: ExecSpec): Promise<ExecOutcome> {
    this.calls.push(`exec ${containerId} ${spec.command.join(' ')}`);
    this.execs.push(spec);
    return { exitCode: 0, stdout: '', stderr: '', truncated: false };
  }
  async putArchive(_id: string, stream: Readable): Promise<void> {
    stream.resume();
  }
  async readFolder(id: string, folder: string): Promise<Map<string, { content: Buffer; truncated: boolean }>> {
    this.calls.push(`readFolder ${id} ${folder}`);
    if (this.sidecarExited && this.folderGone) throw new Error('no such container');
    const files = new Map<string, { content: Buffer; truncated: boolean }>();
    for (const name of ['status', 'sink.jsonl', 'capture.pcap']) {
      const path = `${folder}/${name}`;
      if (name === 'status' || this.files.has(path)) files.set(name, await this.readFile(id, path));
    }
    return files;
  }
  /** With sidecarExited: the container is removed, so even its files are gone. */
  folderGone = false;

  async readFile(id: string, path: string): Promise<{ content: Buffer; truncated: boolean }> {
    if (id.startsWith('fakenet') && path.endsWith('/status') && !this.files.has(path)) {
      const status = (this.statuses.length > 1 ? this.statuses.shift() : this.statuses[0]) ?? 'starting';
      this.calls.push(`status ${status}`);
      return { content: Buffer.from(`${status}\n`), truncated: false };
    }
    const content = this.files.get(path);
    if (content === undefined) throw new Error(`no such file ${path}`);
    return { content: Buffer.from(content), truncated: false };
  }
}
