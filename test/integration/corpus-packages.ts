/**
 * The no-false-alarm corpus: popular registry packages of different kinds,
 * pinned, whose install works offline from the npm cache. None may fail
 * under the default policy; where one does something noteworthy at install
 * (runs a script, compiles with node-gyp) its report must show it.
 */
export type CorpusKind = 'library' | 'esm-only' | 'cli' | 'install-script' | 'native-prebuilt' | 'native-node-gyp';

export interface CorpusPackage {
  readonly spec: string;
  readonly kind: CorpusKind;
  /** Rules whose findings the report must show, with a pattern their summary must match. */
  readonly shows?: readonly { readonly rule: string; readonly summary: RegExp }[];
  /** Programs that must appear among the observed processes (e.g. the compiler of a node-gyp build). */
  readonly runs?: readonly string[];
}

const script = (summary: RegExp) => [{ rule: 'install-script', summary }];

export const CORPUS: readonly CorpusPackage[] = [
  { spec: 'lodash@4.17.21', kind: 'library' },
  { spec: 'axios@1.7.9', kind: 'library' },
  { spec: 'react@18.3.1', kind: 'library' },
  { spec: 'uuid@11.0.3', kind: 'library' },
  { spec: 'zod@3.24.1', kind: 'library' },
  { spec: 'ws@8.18.0', kind: 'library' },
  { spec: 'chalk@5.3.0', kind: 'esm-only' },
  { spec: 'nanoid@5.0.9', kind: 'esm-only' },
  { spec: 'node-fetch@3.3.2', kind: 'esm-only' },
  { spec: 'execa@9.5.2', kind: 'esm-only' },
  { spec: 'typescript@5.7.2', kind: 'cli' },
  { spec: 'prettier@3.4.2', kind: 'cli' },
  { spec: 'eslint@9.17.0', kind: 'cli' },
  { spec: 'yargs@17.7.2', kind: 'cli' },
  { spec: 'commander@12.1.0', kind: 'cli' },
  { spec: 'rimraf@6.0.1', kind: 'cli' },
  // Requiring nodemon runs `ps`: a medium import-spawn finding, not a failure.
  { spec: 'nodemon@3.1.9', kind: 'cli', shows: [{ rule: 'import-spawn', summary: /\(ps\)$/ }] },
  { spec: 'core-js@3.39.0', kind: 'install-script', shows: script(/require\('\.\/postinstall'\)/) },
  { spec: 'protobufjs@7.4.0', kind: 'install-script', shows: script(/node scripts\/postinstall/) },
  // esbuild's postinstall links its platform binary (an optional dependency) into place and runs `esbuild --version`.
  { spec: 'esbuild@0.24.2', kind: 'native-prebuilt', shows: script(/node install\.js/), runs: ['esbuild'] },
  { spec: 'sharp@0.33.5', kind: 'native-prebuilt', shows: script(/node install\/check/) },
  { spec: '@swc/core@1.10.1', kind: 'native-prebuilt', shows: script(/node postinstall\.js/) },
  { spec: '@parcel/watcher@2.5.0', kind: 'native-prebuilt', shows: script(/build-from-source\.js/) },
  { spec: 'bufferutil@4.0.9', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  { spec: 'bcrypt@6.0.0', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  // Compiled from source by node-gyp in the sandbox (headers from the image's Node, no download).
  { spec: 'fs-ext@2.1.1', kind: 'native-node-gyp', shows: script(/node-gyp configure build/), runs: ['make', 'g++'] },
  // No install script in its package.json: npm runs `node-gyp rebuild` because of its binding.gyp.
  { spec: 'unix-dgram@2.0.6', kind: 'native-node-gyp', shows: script(/node-gyp rebuild/), runs: ['make', 'g++'] },
];
