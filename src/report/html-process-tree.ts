/** The process tree of each phase as nested lists (pure), from the report's observed processes. */
import type { Attribution, PhaseName } from '../events/types.js';
import { html, type Html } from './html-escape.js';
import type { ObservedProcess } from './report-model.js';

const MAX_ARGV_CHARS = 240;

export function whoClass(attribution: Attribution): string {
  if (attribution.via === 'lifecycle-script') return 'pkg-script';
  return attribution.via === 'import' ? 'pkg-import' : '';
}

export function whoText(attribution: Attribution): string {
  if (attribution.package === null) return 'npm';
  return `${attribution.package} (${attribution.via === 'import' ? 'import' : 'install script'})`;
}

function commandText(process: ObservedProcess): string {
  const command = process.argv.join(' ');
  return command.length > MAX_ARGV_CHARS ? `${command.slice(0, MAX_ARGV_CHARS)}…` : command;
}

/** One process: every exec its pid made, in order (a PATH search or a script's interpreter re-execs the same pid). */
interface TreeNode {
  readonly pid: number;
  readonly parentPid: number | null;
  readonly execs: ObservedProcess[];
}

function execLine(process: ObservedProcess, first: boolean): Html {
  return html`${first ? '' : html`<br>→ `}<span class="${whoClass(process.attribution)}">${commandText(process)}</span>${
    process.ok ? '' : html` <span class="failed">(failed: ${process.error ?? 'error'})</span>`
  }`;
}

function render(node: TreeNode, children: ReadonlyMap<number, TreeNode[]>, seen: Set<number>): Html {
  seen.add(node.pid);
  const kids = (children.get(node.pid) ?? []).filter((child) => !seen.has(child.pid));
  const last = node.execs.at(-1) ?? node.execs[0]!;
  return html`<li>${node.execs.map((process, index) => execLine(process, index === 0))} <span class="who">pid ${node.pid} · ${whoText(
    last.attribution,
  )}</span>${kids.length > 0 ? html`<ul>${kids.map((child) => render(child, children, seen))}</ul>` : ''}</li>`;
}

/** One tree per phase; a process whose parent was not traced is a root. */
export function processTree(processes: readonly ObservedProcess[], phase: PhaseName): Html | null {
  const nodes = new Map<number, TreeNode>();
  for (const process of processes) {
    if (process.phase !== phase) continue;
    const node = nodes.get(process.pid);
    if (node) node.execs.push(process);
    else nodes.set(process.pid, { pid: process.pid, parentPid: process.parentPid, execs: [process] });
  }
  if (nodes.size === 0) return null;
  const children = new Map<number, TreeNode[]>();
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    if (node.parentPid !== null && node.parentPid !== node.pid && nodes.has(node.parentPid)) {
      children.set(node.parentPid, [...(children.get(node.parentPid) ?? []), node]);
    } else {
      roots.push(node);
    }
  }
  const seen = new Set<number>();
  // A cycle (pids reused) leaves nodes unreached from any root: show them as roots too.
  const rendered = roots.map((root) => render(root, children, seen));
  const orphans = [...nodes.values()].filter((node) => !seen.has(node.pid)).map((node) => render(node, children, seen));
  return html`<ul class="tree">${[...rendered, ...orphans]}</ul>`;
}
