/**
 * The no-false-alarm corpus: popular registry packages of different kinds,
 * pinned, whose install works offline from the npm cache. None may fail
 * under the shipped policy (default.yaml and vendor-download-hosts.yaml);
 * where one does something noteworthy (runs an install script, compiles
 * with node-gyp, downloads from its vendor) its report must show it.
 */
import type { PhaseName } from '../../src/events/types.js';
import type { PhaseStatus } from '../../src/sandbox/sandbox.js';

export type CorpusKind =
  | 'library'
  | 'esm-only'
  | 'cli'
  | 'install-script'
  | 'banner'
  | 'git-hook'
  | 'binary-downloader'
  | 'native-prebuilt'
  | 'native-node-gyp';

/** Kinds whose packages run an install script of their own. */
export const SCRIPT_KINDS: readonly CorpusKind[] = ['install-script', 'banner', 'git-hook', 'binary-downloader', 'native-prebuilt', 'native-node-gyp'];

export interface CorpusPackage {
  readonly spec: string;
  readonly kind: CorpusKind;
  /** Findings the report must show: a rule, a pattern its summary must match, and its severity when it matters. */
  readonly shows?: readonly { readonly rule: string; readonly summary: RegExp; readonly severity?: string }[];
  /** Programs that must appear among the observed processes (e.g. the compiler of a node-gyp build). */
  readonly runs?: readonly string[];
  /** Phases that do not complete, and how they end (every other phase that runs must complete). */
  readonly phases?: Partial<Record<PhaseName, PhaseStatus>>;
}

const script = (summary: RegExp) => [{ rule: 'install-script', summary }];
/** A vendor download (vendor-download-hosts.yaml): a TLS hello to the vendor's host, kept as a warning. */
const download = (scriptSummary: RegExp, host: RegExp) => [...script(scriptSummary), { rule: 'tls-client-hello', summary: host, severity: 'medium' }];
/** The fake internet cannot serve the real binary: the install script fails, npm rolls the install back (nothing to load nor run: execute fails too). */
const DOWNLOAD_FAILS = { install: 'failed', import: 'failed', execute: 'failed' } as const;
/** A package with no loadable main (a CLI or a hook installer): requiring it fails, as in any app. */
const NO_MAIN = { import: 'failed' } as const;

export const CORPUS: readonly CorpusPackage[] = [
  { spec: 'lodash@4.17.21', kind: 'library' },
  { spec: 'axios@1.7.9', kind: 'library' },
  { spec: 'react@18.3.1', kind: 'library' },
  { spec: 'uuid@11.0.3', kind: 'library' },
  { spec: 'zod@3.24.1', kind: 'library' },
  { spec: 'ws@8.18.0', kind: 'library' },
  { spec: 'express@4.21.2', kind: 'library' },
  { spec: 'moment@2.31.0', kind: 'library' },
  { spec: 'dayjs@1.11.23', kind: 'library' },
  { spec: 'debug@4.4.3', kind: 'library' },
  { spec: 'semver@7.8.6', kind: 'library' },
  { spec: 'glob@11.1.0', kind: 'library' },
  { spec: 'minimist@1.2.8', kind: 'library' },
  { spec: 'fs-extra@11.4.1', kind: 'library' },
  { spec: 'tslib@2.9.1', kind: 'library' },
  { spec: 'dotenv@16.6.1', kind: 'library' },
  { spec: 'jsonwebtoken@9.0.3', kind: 'library' },
  { spec: 'jquery@3.8.0', kind: 'library' },
  { spec: 'vue@3.5.45', kind: 'library' },
  { spec: 'pg@8.23.1', kind: 'library' },
  { spec: 'ci-info@4.5.0', kind: 'library' },
  { spec: 'chalk@5.3.0', kind: 'esm-only' },
  { spec: 'nanoid@5.0.9', kind: 'esm-only' },
  { spec: 'node-fetch@3.3.2', kind: 'esm-only' },
  { spec: 'execa@9.5.2', kind: 'esm-only' },
  { spec: 'ora@8.2.0', kind: 'esm-only' },
  // Loads is-wsl, which reads /proc/version when loaded: not a sandbox probe.
  { spec: 'open@10.2.0', kind: 'esm-only' },
  { spec: 'got@14.6.6', kind: 'esm-only' },
  { spec: 'typescript@5.7.2', kind: 'cli' },
  { spec: 'prettier@3.4.2', kind: 'cli' },
  { spec: 'eslint@9.17.0', kind: 'cli' },
  { spec: 'yargs@17.7.2', kind: 'cli' },
  { spec: 'commander@12.1.0', kind: 'cli' },
  { spec: 'rimraf@6.0.1', kind: 'cli' },
  // Requiring nodemon runs `ps`: a medium import-spawn finding, not a failure.
  { spec: 'nodemon@3.1.9', kind: 'cli', shows: [{ rule: 'import-spawn', summary: /\(ps\)$/ }] },
  // Its main is its bin (lib/bin.js): loading it runs `parcel` with no arguments, a dev server on 1234 keeping .parcel-cache in the project.
  {
    spec: 'parcel@2.16.4',
    kind: 'cli',
    shows: [
      { rule: 'bin-server', summary: /:1234\)\)$/, severity: 'medium' },
      { rule: 'project-file-write', summary: /\/\.parcel-cache\//, severity: 'medium' },
    ],
  },
  { spec: 'core-js@3.39.0', kind: 'banner', shows: script(/require\('\.\/postinstall'\)/) },
  { spec: 'es5-ext@0.10.64', kind: 'banner', shows: script(/_postinstall/) },
  { spec: 'protobufjs@7.4.0', kind: 'install-script', shows: script(/node scripts\/postinstall/) },
  { spec: 'vue-demi@0.14.10', kind: 'install-script', shows: script(/postinstall/) },
  // Git-hook installers: the project is a git checkout; husky 4, yorkie and lefthook skip it in CI, simple-git-hooks finds no
  // config in the project's package.json, pre-commit writes its hook (a medium git-hook-write, not a failure).
  { spec: 'husky@4.3.8', kind: 'git-hook', shows: script(/husky/), phases: NO_MAIN },
  { spec: 'simple-git-hooks@2.14.0', kind: 'git-hook', shows: script(/postinstall/) },
  { spec: 'yorkie@2.0.0', kind: 'git-hook', shows: script(/install/), phases: NO_MAIN },
  { spec: 'pre-commit@1.2.2', kind: 'git-hook', shows: [...script(/install/), { rule: 'git-hook-write', summary: /\.git\/hooks\/pre-commit$/, severity: 'medium' }] },
  // Its main runs the lefthook binary with process.argv's arguments: an app's (none) since the consumer takes its own off, so loading it works.
  { spec: 'lefthook@1.13.6', kind: 'git-hook', shows: script(/postinstall/) },
  { spec: 'puppeteer@23.11.1', kind: 'binary-downloader', shows: download(/node install\.mjs/, /storage\.googleapis\.com/), phases: DOWNLOAD_FAILS },
  { spec: 'electron@33.4.11', kind: 'binary-downloader', shows: download(/node install\.js/, /github\.com/), phases: DOWNLOAD_FAILS },
  { spec: 'prisma@5.22.0', kind: 'binary-downloader', shows: download(/postinstall/, /binaries\.prisma\.sh/) },
  { spec: 'grpc-tools@1.13.1', kind: 'binary-downloader', shows: download(/node-pre-gyp install/, /node-precompiled-binaries\.grpc\.io/), phases: DOWNLOAD_FAILS },
  { spec: 'cypress@15.3.0', kind: 'binary-downloader', shows: download(/node dist\/index\.js --exec install/, /download\.cypress\.io/), phases: DOWNLOAD_FAILS },
  { spec: 'onnxruntime-node@1.30.0', kind: 'binary-downloader', shows: download(/node \.\/script\/install/, /api\.nuget\.org/), phases: DOWNLOAD_FAILS },
  { spec: 'ffmpeg-static@5.3.0', kind: 'binary-downloader', shows: download(/node install\.js/, /github\.com/), phases: DOWNLOAD_FAILS },
  // prebuild-install's download fails, then `npm run build` (the system's npm, writing its log and compile cache) fails to compile without libsecret.
  { spec: 'keytar@7.9.0', kind: 'binary-downloader', shows: download(/prebuild-install \|\| npm run build/, /github\.com/), phases: DOWNLOAD_FAILS },
  // Its postinstall moves its binary out of its platform package (@oven/bun-linux-x64) into its own folder; it has no main to load.
  { spec: 'bun@1.4.5', kind: 'native-prebuilt', shows: script(/node install\.js/), phases: NO_MAIN },
  // Its spawn() opens a pseudo-terminal (/dev/ptmx, /dev/pts/N) for the program it runs.
  { spec: 'node-pty@1.1.0', kind: 'native-prebuilt', shows: script(/scripts\/prebuild\.js/) },
  // esbuild's postinstall links its platform binary (an optional dependency) into place and runs `esbuild --version`.
  { spec: 'esbuild@0.24.2', kind: 'native-prebuilt', shows: script(/node install\.js/), runs: ['esbuild'] },
  { spec: 'sharp@0.33.5', kind: 'native-prebuilt', shows: script(/node install\/check/) },
  { spec: '@swc/core@1.10.1', kind: 'native-prebuilt', shows: script(/node postinstall\.js/) },
  { spec: '@parcel/watcher@2.5.0', kind: 'native-prebuilt', shows: script(/build-from-source\.js/) },
  { spec: 'bufferutil@4.0.9', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  { spec: 'bcrypt@6.0.0', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  { spec: 'utf-8-validate@6.0.6', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  { spec: 'argon2@0.41.1', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  { spec: 'leveldown@6.1.1', kind: 'native-prebuilt', shows: script(/node-gyp-build/) },
  // Reads /proc/self/exe (its own node binary) to tell glibc from musl: not a probe.
  { spec: 'lmdb@3.5.6', kind: 'native-prebuilt', shows: script(/node-gyp-build-optional-packages/) },
  { spec: 'msgpackr-extract@3.0.7', kind: 'native-prebuilt', shows: script(/node-gyp-build-optional-packages/) },
  // Compiled from source by node-gyp in the sandbox (headers from the image's Node, no download).
  { spec: 'fs-ext@2.1.1', kind: 'native-node-gyp', shows: script(/node-gyp configure build/), runs: ['make', 'g++'] },
  // No install script in its package.json: npm runs `node-gyp rebuild` because of its binding.gyp.
  { spec: 'unix-dgram@2.0.6', kind: 'native-node-gyp', shows: script(/node-gyp rebuild/), runs: ['make', 'g++'] },
  { spec: 'dtrace-provider@0.8.8', kind: 'native-node-gyp', shows: script(/node-gyp rebuild/) },
];
