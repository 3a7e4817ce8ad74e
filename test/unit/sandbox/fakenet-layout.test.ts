import test from 'ava';
import { DNS_ADDRESS, fakenetCommand, SINK_TCP_PORT, SINKHOLE_NETWORK } from '../../../src/sandbox/fakenet-layout.js';

test("the sidecar's command line carries the whole plan", (t) => {
  const command = fakenetCommand('vethabc1234');
  const value = (flag: string): string | undefined => command[command.indexOf(flag) + 1];
  t.deepEqual(command.slice(0, 5), ['/usr/bin/tini', '-s', '--', 'python3', '/opt/fakenet/fakenet.py']);
  t.is(value('--peer'), 'vethabc1234');
  t.is(value('--dns'), DNS_ADDRESS);
  t.is(value('--tcp-port'), String(SINK_TCP_PORT));
  t.is(value('--sinkhole'), SINKHOLE_NETWORK);
});

test('sinkhole answers come from a documentation range, never from 192.0.2.0/24', (t) => {
  t.regex(SINKHOLE_NETWORK, /^(198\.51\.100|203\.0\.113)\.\d+\/\d+$/);
});

test('the veth peer gets a Docker-like name by default', (t) => {
  t.regex(fakenetCommand()[fakenetCommand().indexOf('--peer') + 1] ?? '', /^veth[0-9a-f]{7}$/);
});
