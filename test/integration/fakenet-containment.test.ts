/**
 * Containment proof: while a package sends DNS, HTTP, TLS, raw TCP and UDP
 * (to reserved names and documentation addresses), tcpdump on every host
 * interface sees none of it. The sandbox's veth pair lives in its own
 * namespace, which has no link to the host. A datagram the host sends
 * itself at the end proves the capture was live the whole time. The host's
 * own traffic to the npm registry is left out of the capture (on some
 * machines the registry's address is in a documentation range).
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { decodePacket } from '../../src/fakenet/decode-packet.js';
import { readPcap } from '../../src/fakenet/read-pcap.js';
import type { AnalysisReport } from '../../src/report/index.js';
import { defaultRegistryUrl } from '../../src/resolve/index.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

const CONTROL = 'dynaudit-containment-control';
const CONTROL_PORT = 10080;

/** What the capture keeps: the documentation ranges, DNS and the control port, minus the host's own registry connections. */
async function captureFilter(): Promise<string> {
  const registry = new URL(process.env.npm_config_registry || defaultRegistryUrl());
  const port = registry.port || (registry.protocol === 'http:' ? '80' : '443');
  const addresses = await lookup(registry.hostname, { all: true }).catch(() => []);
  const ownTraffic = addresses.map(({ address }) => `(host ${address} and tcp port ${port})`);
  const wanted = `(net 203.0.113.0/24 or net 198.51.100.0/24 or port 53 or port ${CONTROL_PORT})`;
  return ownTraffic.length === 0 ? wanted : `${wanted} and not (${ownTraffic.join(' or ')})`;
}

async function startHostCapture(file: string): Promise<() => Promise<void>> {
  const filter = await captureFilter();
  const tcpdump = spawn('tcpdump', ['-i', 'any', '-n', '-U', '--immediate-mode', '-s', '1024', '-w', file, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    let listening = false;
    tcpdump.on('error', (error) => reject(new Error(`tcpdump could not run (make setup installs it: scripts/ensure-host-tools.sh): ${error.message}`)));
    tcpdump.on('exit', (code) => reject(new Error(`tcpdump exited (${code}): ${stderr}`)));
    tcpdump.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (listening || !stderr.includes('listening on')) return;
      listening = true;
      tcpdump.removeAllListeners('exit');
      resolve(
        () =>
          new Promise<void>((done) => {
            tcpdump.on('exit', () => done());
            tcpdump.kill('SIGINT');
          }),
      );
    });
  });
}

function sendControl(): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => socket.send(CONTROL, CONTROL_PORT, '127.0.0.1', () => (socket.close(), resolve())));
}

const inDocumentationNets = (address: string): boolean => address.startsWith('203.0.113.') || address.startsWith('198.51.100.');

test("a run's packets never reach any interface outside the sandbox's namespace", async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-containment-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'host.pcap');
  const stop = await startHostCapture(file);
  const result = await runCli(['analyze', fixturePackage('fakenet-all-traffic'), '--format', 'json']);
  await sendControl();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await stop();

  const report = JSON.parse(result.stdout) as AnalysisReport;
  t.is(report.observed.http?.[0]?.host, 'contain.dynaudit-test.example', 'the package did send its traffic');
  t.is(report.observed.tls?.[0]?.sni, 'contain-tls.dynaudit-test.example');
  t.true(report.observed.network.some((entry) => entry.address === '203.0.113.40' && entry.protocol === 'udp' && entry.bytesSent === 18));
  t.true(report.observed.network.some((entry) => entry.address === '198.51.100.60' && entry.bytesSent === 18));

  const capture = await readPcap(await readFile(file));
  const packets = capture.frames.map((frame) => ({ frame, packet: decodePacket(capture.linkType ?? -1, frame.data) }));
  const control = packets.filter(({ frame }) => frame.data.includes(CONTROL));
  t.true(control.length > 0, 'the host capture was live until the end');
  const leaked = packets.filter(
    ({ frame, packet }) =>
      (packet !== null && (inDocumentationNets(packet.src) || inDocumentationNets(packet.dst))) ||
      frame.data.includes('dynaudit-test') ||
      frame.data.includes('DYNAUDIT-'),
  );
  t.deepEqual(
    leaked.map(({ packet }) => (packet ? `${packet.src} > ${packet.dst}` : 'undecoded frame')),
    [],
    'no packet of the run reached a host interface',
  );
});
