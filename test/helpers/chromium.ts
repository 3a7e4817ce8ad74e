/** Headless Debian Chromium for the HTML report test: dump the DOM of a page and take a screenshot. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--hide-scrollbars',
  '--window-size=1280,2000',
];

async function chromium(args: readonly string[]): Promise<string> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-chromium-'));
  try {
    const { stdout } = await run('chromium', [...FLAGS, `--user-data-dir=${profile}`, ...args], { timeout: 120_000, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The DOM Chromium built from the file, serialised. */
export function dumpDom(file: string): Promise<string> {
  return chromium(['--dump-dom', pathToFileURL(file).href]);
}

/** A PNG screenshot of the file's page. */
export async function screenshot(file: string, png: string): Promise<Buffer> {
  await chromium([`--screenshot=${png}`, pathToFileURL(file).href]);
  return readFile(png);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
