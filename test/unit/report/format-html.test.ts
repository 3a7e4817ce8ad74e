import test from 'ava';
import { formatHtml } from '../../../src/report/format-html.js';
import { report } from './helpers.js';
import { HOSTILE, richReport } from './sample-report.js';

test('the page starts with a doctype and shows the verdict before anything else in the body', (t) => {
  const page = formatHtml(richReport());
  t.true(page.startsWith('<!DOCTYPE html>'));
  t.regex(page, /<main id="report" data-verdict="fail">\s*<header>\s*<h1><span class="verdict verdict-fail" id="verdict">FAIL<\/span>evil@1\.0\.0/);
  t.regex(page, /<title>dynaudit FAIL: evil@1\.0\.0<\/title>/);
});

test('the page has the findings, process tree, timeline and network sections', (t) => {
  const page = formatHtml(richReport());
  for (const id of ['findings', 'process-tree', 'timeline', 'network']) t.true(page.includes(`<section id="${id}">`), id);
});

test('findings are grouped by phase, most severe first, with evidence and the rule rationale', (t) => {
  const page = formatHtml(richReport());
  const install = page.indexOf('<h3>install</h3>');
  const critical = page.indexOf('data-rule="credential-read"');
  const high = page.indexOf('data-rule="network-connect"');
  const imported = page.indexOf('data-rule="dns-query"');
  t.true(install > 0 && install < critical && critical < high && high < imported, `${install} ${critical} ${high} ${imported}`);
  t.true(page.includes('<pre>pid 202 open /home/runner/.npmrc (read)</pre>'));
  t.true(page.includes('<p>secrets</p>'));
});

test('allowed findings are listed apart with the reason and the entry', (t) => {
  const page = formatHtml(richReport());
  t.regex(page, /accepted by an allowlist \(not counted\)/);
  t.regex(page, /class="finding allowed" data-rule="install-script"/);
  t.regex(page, /accepted by the allowlist of evil \^1: reviewed by the security team/);
});

test('the process tree nests children under their parent', (t) => {
  const page = formatHtml(richReport());
  t.regex(page, /node npm-cli\.js ci<\/span>.*?<ul><li><span class="pkg-script">sh -c node install\.js<\/span>.*?<ul><li><span class="pkg-script">node install\.js/s);
  t.regex(page, /curl http:\/\/x\.example\/<\/span> <span class="failed">\(failed: ENOENT\)<\/span> <span class="who">pid 202 · evil \(install script\)<\/span>/);
});

test('a pid that execs again (a script through its interpreter) is one node listing each exec, its children once', (t) => {
  const script = { package: 'gyp', via: 'lifecycle-script' } as const;
  const base = richReport();
  const page = formatHtml({
    ...base,
    observed: {
      ...base.observed,
      processes: [
        { phase: 'install', pid: 30, parentPid: null, argv: ['sh', '-c', 'node-gyp rebuild'], attribution: script, ok: true },
        { phase: 'install', pid: 31, parentPid: 30, argv: ['node-gyp', 'rebuild'], attribution: script, ok: true },
        { phase: 'install', pid: 31, parentPid: 30, argv: ['node', '/x/node-gyp.js', 'rebuild'], attribution: script, ok: true },
        { phase: 'install', pid: 32, parentPid: 31, argv: ['make'], attribution: script, ok: true },
      ],
    },
  });
  t.regex(page, /node-gyp rebuild<\/span><br>→ <span class="pkg-script">node \/x\/node-gyp\.js rebuild<\/span> <span class="who">pid 31 · gyp \(install script\)<\/span><ul><li><span class="pkg-script">make/);
  t.is(page.split('>make<').length - 1, 1);
});

test('the timeline lists each phase with times and marks events that matched rules', (t) => {
  const page = formatHtml(richReport());
  t.regex(page, /<tr class="flagged"><td class="num">\+0\.120 s<\/td>.*?pid 201 connect tcp 203\.0\.113\.5:443<\/td><td>network-connect<\/td><\/tr>/s);
});

test('the network table lists connections and DNS queries', (t) => {
  const page = formatHtml(richReport());
  t.regex(page, /<h2>Network \(2\)<\/h2>/);
  t.regex(page, /<td>203\.0\.113\.5:443<\/td><td>failed: ENETUNREACH<\/td>/);
  t.regex(page, /<td>dns A<\/td><td>x\.example<\/td>/);
});

test('text from the trace is escaped, never markup', (t) => {
  const page = formatHtml(richReport());
  t.false(page.includes(HOSTILE));
  t.true(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;'));
  t.false(/<script/i.test(page));
});

test('the page loads nothing from anywhere: no scripts, links or external sources, and a CSP that forbids them', (t) => {
  const page = formatHtml(richReport());
  t.false(/\s(src|href)=/i.test(page));
  t.true(page.includes(`content="default-src 'none'; style-src 'unsafe-inline'"`));
});

test('a clean report says there is nothing to show in each section', (t) => {
  const page = formatHtml(report());
  t.true(page.includes('No findings.'));
  t.true(page.includes('No connection attempt and no DNS query.'));
  t.true(page.includes('No process was traced.'));
});

test('the network table shows what the fake internet caught: leaks first, then connections with bytes, HTTP and TLS', (t) => {
  const base = richReport();
  const script = { package: 'evil', via: 'lifecycle-script' } as const;
  const page = formatHtml({
    ...base,
    observed: {
      ...base.observed,
      network: [{ phase: 'install', pid: 201, address: '198.51.100.129', port: 80, protocol: 'tcp', attribution: script, ok: true, hostname: 'collect.example', bytesSent: 312 }],
      http: [
        {
          phase: 'install',
          pid: 201,
          method: 'POST',
          url: 'http://collect.example/u',
          host: 'collect.example',
          path: '/u',
          address: '198.51.100.129',
          port: 80,
          bodyBytes: 120,
          bodyExcerpt: 'x',
          attribution: script,
        },
      ],
      tls: [{ phase: 'install', pid: 201, sni: 'api.example', alpn: ['h2', 'http/1.1'], address: '198.51.100.130', port: 443, attribution: script }],
      exfiltration: [
        {
          phase: 'install',
          pid: 201,
          token: 'npm-token',
          tokenLabel: 'npm token in ~/.npmrc',
          channel: 'http',
          location: 'HTTP POST body',
          destination: 'collect.example (198.51.100.129:80)',
          encoding: 'base64',
          matchedChars: 36,
          tokenChars: 36,
          attribution: script,
        },
      ],
    },
  });
  t.regex(page, /<h2>Network \(5\)<\/h2>/);
  t.regex(page, /<td>exfiltration \(http\)<\/td><td>collect\.example \(198\.51\.100\.129:80\)<\/td><td>npm token in ~\/\.npmrc in HTTP POST body, base64<\/td>.*<td>connect tcp<\/td><td>collect\.example \(198\.51\.100\.129:80\)<\/td><td>sent 312 byte\(s\)<\/td>/s);
  t.regex(page, /<td>http POST<\/td><td>http:\/\/collect\.example\/u<\/td><td>120 byte\(s\) of body<\/td>/);
  t.regex(page, /<td>tls<\/td><td>api\.example<\/td><td>h2, http\/1\.1<\/td>/);
});
