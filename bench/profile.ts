/**
 * Summarizes V8 CPU profiles (`node --cpu-prof`): the functions with the most self time, and the
 * share of time by origin (our constructs, our engine, cdk8s, yaml, constructs, node, GC).
 * Usage: `node lib/bench/profile.js FILE.cpuprofile [--top 25]`.
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one function (all its nodes together). */
export interface HotSpot {
  readonly name: string;
  readonly where: string;
  readonly origin: string;
  readonly ms: number;
  readonly share: number;
}

/** What a profile says, in milliseconds and shares of the total. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly byOrigin: readonly { origin: string; ms: number; share: number }[];
  readonly top: readonly HotSpot[];
  /** Our functions by inclusive time (self plus callees): where our code spends, callees included. */
  readonly oursInclusive: readonly HotSpot[];
}

const ORIGINS: readonly [RegExp, string][] = [
  [/\/lib\/constructs\//, 'ours: constructs/'],
  [/\/lib\/src\/compliance\/(reports|network)\/|\/lib\/src\/compliance\/write-reports/, 'ours: reports'],
  [/\/lib\/src\/compliance\/load\//, 'ours: loader'],
  [/\/lib\/src\/compliance\//, 'ours: engine'],
  [/\/lib\/src\/cli\//, 'ours: cli'],
  [/\/lib\/bench\//, 'bench harness'],
  [/node_modules\/cdk8s-plus-27\//, 'cdk8s-plus-27'],
  [/node_modules\/cdk8s\/node_modules\/yaml\//, 'yaml (cdk8s copy)'],
  [/node_modules\/cdk8s\//, 'cdk8s'],
  [/node_modules\/yaml\//, 'yaml'],
  [/node_modules\/constructs\//, 'constructs'],
  [/node_modules\//, 'other packages'],
  [/^node:|^internal\//, 'node'],
];

/** Where a function comes from. */
export function originOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return 'idle/program';
  if (!url) return 'native/V8';
  for (const [pattern, origin] of ORIGINS) if (pattern.test(url)) return origin;
  return 'other';
}

/** Shortens a file URL to its path inside the repository or package. */
function shortWhere(url: string, line: number): string {
  const at = url.replace(/^file:\/\//, '');
  const nm = at.lastIndexOf('node_modules/');
  const rel = nm >= 0 ? at.slice(nm + 'node_modules/'.length) : at.replace(/^.*\/lib\//, 'lib/');
  return rel ? `${rel}:${line + 1}` : '';
}

/** Reads a profile and sums self time per function and per origin. */
export function summarize(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fns = new Map<string, { name: string; where: string; origin: string; us: number }>();
  const origins = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const origin = originOf(url, functionName);
    if (origin === 'idle/program' && functionName === '(idle)') continue;
    totalUs += us;
    origins.set(origin, (origins.get(origin) ?? 0) + us);
    const key = `${functionName}|${url}|${lineNumber}`;
    const entry = fns.get(key) ?? { name: functionName || '(anonymous)', where: shortWhere(url, lineNumber), origin, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const inclusive = inclusiveTimes(byId, parent, selfUs);
  const share = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  return {
    totalMs: Math.round(totalUs / 1000),
    byOrigin: [...origins].sort((a, b) => b[1] - a[1]).map(([origin, us]) => ({ origin, ms: Math.round(us / 1000), share: share(us) })),
    top: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, top)
      .map(f => ({ name: f.name, where: f.where, origin: f.origin, ms: Math.round(f.us / 1000), share: share(f.us) })),
    oursInclusive: [...inclusive.values()].filter(f => f.origin.startsWith('ours')).sort((a, b) => b.us - a.us).slice(0, top)
      .map(f => ({ name: f.name, where: f.where, origin: f.origin, ms: Math.round(f.us / 1000), share: share(f.us) })),
  };
}

/** Time of every function including its callees, each function counted once per sample. */
function inclusiveTimes(byId: Map<number, ProfileNode>, parent: Map<number, number>, selfUs: Map<number, number>) {
  const out = new Map<string, { name: string; where: string; origin: string; us: number }>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      const key = `${functionName}|${url}|${lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = out.get(key) ?? { name: functionName || '(anonymous)', where: shortWhere(url, lineNumber), origin: originOf(url, functionName), us: 0 };
      entry.us += us;
      out.set(key, entry);
    }
  }
  return out;
}

/** The summary as text: origins, then the top functions by self time. */
export function formatSummary(title: string, s: ProfileSummary): string {
  const lines = [`${title} — ${s.totalMs} ms sampled`, '  by origin (self time):'];
  for (const o of s.byOrigin) lines.push(`    ${o.share.toFixed(1).padStart(5)}%  ${String(o.ms).padStart(6)} ms  ${o.origin}`);
  lines.push('  top functions (self time):');
  for (const f of s.top) lines.push(`    ${f.share.toFixed(1).padStart(5)}%  ${String(f.ms).padStart(6)} ms  ${f.name}  ${f.where}  [${f.origin}]`);
  if (s.oursInclusive.length > 0) {
    lines.push('  our functions (inclusive time, callees included):');
    for (const f of s.oursInclusive) lines.push(`    ${f.share.toFixed(1).padStart(5)}%  ${String(f.ms).padStart(6)} ms  ${f.name}  ${f.where}  [${f.origin}]`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const files = process.argv.slice(2).filter(a => a.endsWith('.cpuprofile'));
  const i = process.argv.indexOf('--top');
  const top = i >= 0 ? Number(process.argv[i + 1]) : 25;
  for (const f of files) process.stdout.write(`${formatSummary(path.basename(f), summarize(f, top))}\n\n`);
}
