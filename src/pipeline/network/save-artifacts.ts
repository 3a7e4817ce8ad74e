/**
 * Keeps a run's network capture on the host (`--artifacts DIR`): the pcap
 * (open it with Wireshark or tcpdump -r) and the sink's log, in a folder
 * named after the package and the run. The names are ours, never the
 * sandbox's, so its output cannot pick a host path.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NetworkCapture } from '../../sandbox/sandbox.js';

export interface SavedArtifacts {
  readonly pcap: string;
  readonly sinkLog: string;
}

export function artifactFolderName(packageName: string, version: string, runId: string): string {
  return `${packageName}@${version}-${runId}`.replace(/\//g, '+').replace(/[^A-Za-z0-9@._+-]/g, '_');
}

export async function saveArtifacts(dir: string, folderName: string, capture: NetworkCapture): Promise<SavedArtifacts> {
  const folder = path.resolve(dir, folderName);
  await mkdir(folder, { recursive: true });
  const saved = { pcap: path.join(folder, 'capture.pcap'), sinkLog: path.join(folder, 'sink.jsonl') };
  await writeFile(saved.pcap, capture.pcap);
  await writeFile(saved.sinkLog, capture.sinkLog);
  return saved;
}
