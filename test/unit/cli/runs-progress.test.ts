import test from 'ava';
import { RunsProgressReporter } from '../../../src/cli/runs-progress.js';

function stream() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
}

test('log lines print plainly; each run announces itself and prefixes its messages with its label', (t) => {
  const out = stream();
  const progress = new RunsProgressReporter(out);
  progress.log('run abc of nightly.yaml');
  const web = progress.run('web');
  web.start(2);
  web.log('fetching 2 tarball(s)');
  progress.log('web: asking the registry');
  const release = progress.run('lib@1.0.1');
  release.start(1);
  progress.end();
  const text = out.lines.join('');
  t.regex(text, /^dynaudit: run abc of nightly\.yaml\ndynaudit: web: 2 package\(s\)\n/);
  t.regex(text, /dynaudit: web: fetching 2 tarball\(s\)\n/);
  t.regex(text, /dynaudit: web: asking the registry\n/);
  t.regex(text, /dynaudit: lib@1\.0\.1: 1 package\(s\)\ndynaudit: progress: 0\/1/);
});
