import test from 'ava';
import { formatText } from '../../../src/report/format-text.js';
import { report } from './helpers.js';
import { richReport } from './sample-report.js';

test('findings an allowlist accepted are listed after the counted ones with the reason', (t) => {
  const lines = formatText(richReport(), { color: false }).split('\n');
  const counted = lines.indexOf('3 finding(s) (fail threshold: high):');
  const accepted = lines.indexOf('1 finding(s) accepted by an allowlist (not counted):');
  t.true(counted > 0 && accepted > counted, lines.join('\n'));
  t.is(lines[accepted + 1], '    low      runs an install script (node install.js)  [install-script] by evil (install script): reviewed by the security team');
});

test('a report without allowed findings has no allowlist section', (t) => {
  t.false(formatText(report(), { color: false }).includes('allowlist'));
});

test('the text report has no escape sequences without colour and has them with colour', (t) => {
  t.false(formatText(richReport(), { color: false }).includes('\u001b['));
  t.true(formatText(richReport(), { color: true }).includes('\u001b[31m'));
});
