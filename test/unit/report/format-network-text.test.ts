import test from 'ava';
import type { AnalysisReport } from '../../../src/report/report-model.js';
import { connectionText, exfiltrationLines, networkObservedLines } from '../../../src/report/format-network-text.js';

const attribution = { package: 'evil-pkg', via: 'lifecycle-script' } as const;
const plain = (_color: string, text: string): string => text;

function report(observed: Partial<AnalysisReport['observed']>, fakenet?: AnalysisReport['fakenet']): AnalysisReport {
  return {
    observed: { processes: [], processesOmitted: 0, files: { reads: 0, writes: 0, writtenByPackages: [] }, network: [], dns: [], ...observed },
    ...(fakenet ? { fakenet } : {}),
  } as unknown as AnalysisReport;
}

test('a connection line shows the name, the address, the bytes sent and their start', (t) => {
  const line = connectionText({ phase: 'install', pid: 3, address: '198.51.100.129', port: 80, protocol: 'tcp', attribution, ok: true, hostname: 'c.example', bytesSent: 12, firstBytes: 'GET / HTTP/1.1' });
  t.is(line, 'connect tcp c.example (198.51.100.129:80), sent 12 byte(s): "GET / HTTP/1.1"');
  t.is(connectionText({ phase: 'install', pid: 3, address: '203.0.113.5', port: 443, protocol: 'tcp', attribution, ok: false, error: 'ENETUNREACH' }), 'connect tcp 203.0.113.5:443 (ENETUNREACH)');
});

test('leaked honeytokens get a block of their own, one line per leak with who sent it', (t) => {
  const lines = exfiltrationLines(
    report({
      exfiltration: [
        {
          phase: 'install', pid: 9, token: 'github-token', tokenLabel: 'GITHUB_TOKEN environment variable', channel: 'dns', location: 'DNS query name',
          destination: 'DNS lookup of x.example', encoding: 'hex', matchedChars: 20, tokenChars: 40, attribution,
        },
      ],
    }),
    plain,
  );
  t.deepEqual(lines, [
    '',
    'SECRETS SENT OUT: 1 planted honeytoken leak(s)',
    '  GITHUB_TOKEN environment variable [github-token] hex-encoded in the DNS query name to DNS lookup of x.example (20 of 40 characters)',
    '      install, pid 9, by evil-pkg (install script)',
  ]);
  t.deepEqual(exfiltrationLines(report({}), plain), []);
});

test('HTTP requests, TLS hellos and the state of the fake internet are listed', (t) => {
  const lines = networkObservedLines(
    report(
      {
        http: [{ phase: 'import', pid: 4, method: 'POST', url: 'http://c.example/u', host: 'c.example', path: '/u', address: '198.51.100.129', port: 80, bodyBytes: 3, bodyExcerpt: 'a=b', attribution }],
        tls: [{ phase: 'import', pid: 4, sni: 's.example', alpn: [], address: '198.51.100.130', port: 443, attribution }],
      },
      { enabled: true, dnsQueries: 2, connections: 2, packets: 30, crossCheck: { consistent: true, problems: [] }, artifacts: { pcap: '/tmp/a/capture.pcap', sinkLog: '/tmp/a/sink.jsonl' } },
    ),
  );
  t.deepEqual(lines, [
    '  import evil-pkg (install script): HTTP POST http://c.example/u, body 3 byte(s): "a=b"',
    '  import evil-pkg (install script): TLS to s.example (198.51.100.130:443)',
    'fake internet: 2 DNS quer(ies) answered, 2 connection(s) accepted, 30 packet(s) captured; pcap: /tmp/a/capture.pcap',
  ]);
  t.deepEqual(networkObservedLines(report({}, { enabled: false, reason: 'turned off' })), ['fake internet: off, turned off; the sandbox had no network at all']);
});
