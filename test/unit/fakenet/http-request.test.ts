import test from 'ava';
import { dechunk, parseHttpRequest } from '../../../src/fakenet/http-request.js';

test('a GET gives its method, target, version and Host', (t) => {
  const request = parseHttpRequest(Buffer.from('GET /x.sh?a=1 HTTP/1.1\r\nHost: stage2.example\r\nUser-Agent: curl/8\r\n\r\n'));
  t.like(request, { method: 'GET', target: '/x.sh?a=1', version: 'HTTP/1.1', host: 'stage2.example', complete: true });
  t.deepEqual(request?.headers, [
    { name: 'Host', value: 'stage2.example' },
    { name: 'User-Agent', value: 'curl/8' },
  ]);
  t.is(request?.body.length, 0);
});

test('a POST gives its body after the blank line', (t) => {
  const request = parseHttpRequest(Buffer.from('POST /up HTTP/1.1\r\nHost: c.example\r\nContent-Length: 7\r\n\r\npayload'));
  t.is(request?.body.toString(), 'payload');
});

test('a chunked body is joined without its chunk sizes', (t) => {
  const request = parseHttpRequest(Buffer.from('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n'));
  t.is(request?.body.toString(), 'Wikipedia');
  t.is(dechunk(Buffer.from('3\r\nabc')).toString(), 'abc');
});

test('bare line feeds end lines too', (t) => {
  const request = parseHttpRequest(Buffer.from('PUT /a HTTP/1.0\nHost: h.example\n\nbody'));
  t.like(request, { method: 'PUT', host: 'h.example', complete: true });
  t.is(request?.body.toString(), 'body');
});

test('a head cut before its blank line is parsed as far as it goes and marked incomplete', (t) => {
  const request = parseHttpRequest(Buffer.from('GET /long HTTP/1.1\r\nHost: cut.example\r\nX-Partial: ye'));
  t.like(request, { method: 'GET', host: 'cut.example', complete: false });
});

test('bytes that do not start with a request line are not HTTP', (t) => {
  t.is(parseHttpRequest(Buffer.from([0x16, 0x03, 0x01, 0x00])), null);
  t.is(parseHttpRequest(Buffer.from('hello world\r\n')), null);
  t.is(parseHttpRequest(Buffer.from('get / HTTP/1.1\r\n\r\n')), null);
});
