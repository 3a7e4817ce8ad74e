import test from 'ava';
import { randomBelow, randomString } from '../../../src/honeytokens/random-source.js';
import * as formats from '../../../src/honeytokens/token-formats.js';
import { seededRandom } from './helpers.js';

test('npm and GitHub tokens have their prefix, 36 base62 characters and a valid checksum', (t) => {
  const random = seededRandom('formats');
  for (const [token, prefix] of [
    [formats.npmToken(random), 'npm_'],
    [formats.githubActionsToken(random), 'ghs_'],
    [formats.githubPersonalToken(random), 'ghp_'],
  ] as const) {
    t.regex(token, new RegExp(`^${prefix}[0-9A-Za-z]{36}$`));
    t.true(formats.hasValidChecksum(token), token);
  }
});

test('a token with a changed character fails its checksum', (t) => {
  const token = formats.npmToken(seededRandom('flip'));
  const flipped = `${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`;
  t.false(formats.hasValidChecksum(flipped));
});

test("AWS keys have AWS's shapes and never the documentation's EXAMPLE", (t) => {
  const random = seededRandom('aws');
  for (let i = 0; i < 50; i++) {
    const id = formats.awsAccessKeyId(random);
    t.regex(id, /^AKIA[A-Z2-7]{16}$/);
    t.false(id.includes('EXAMPLE'));
    t.regex(formats.awsSecretAccessKey(random), /^[A-Za-z0-9+/]{40}$/);
  }
});

test('Docker access tokens have the dckr_pat_ shape', (t) => {
  t.regex(formats.dockerAccessToken(seededRandom('docker')), /^dckr_pat_[A-Za-z0-9_-]{27}$/);
});

test('random numbers stay below their bound and strings use only their alphabet', (t) => {
  const random = seededRandom('bounds');
  for (let i = 0; i < 200; i++) t.true(randomBelow(random, 7) < 7);
  t.regex(randomString(random, 'ab', 40), /^[ab]{40}$/);
});
