/**
 * The reliability suite's figures go to one results file, docs/reliability.md, one section per
 * part (fuzz, fault injection, churn, load, secrets). Each suite rewrites only its own section,
 * between markers, so parts run in any order and in parallel jest workers.
 */
import fs from 'node:fs';
import path from 'node:path';

export const RESULTS_FILE = path.resolve(__dirname, '..', '..', 'docs', 'reliability.md');

const HEADER = `# Reliability results

Written by the reliability suite (\`npm test\`, \`npm run fuzz\`, \`npm run load:n8n\`): every section
below is replaced by the run that measured it, with the date, the machine's cores and the counts.
What each part proves is described in [reliability-suite.md](reliability-suite.md).
`;

function markers(section: string): [string, string] {
  return [`<!-- results:${section}:start -->`, `<!-- results:${section}:end -->`];
}

/** A mkdir lock: atomic across jest's worker processes. Bounded: after ~10 s it writes anyway. */
function withLock<T>(fn: () => T): T {
  const lock = `${RESULTS_FILE}.lock`;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let held = false;
  for (let i = 0; i < 200 && !held; i += 1) {
    try {
      fs.mkdirSync(lock);
      held = true;
    } catch {
      Atomics.wait(sleeper, 0, 0, 50);
    }
  }
  try {
    return fn();
  } finally {
    if (held) fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Replaces (or appends) one section of docs/reliability.md. `markdown` starts with its own heading. */
export function recordResults(section: string, markdown: string): void {
  const [start, end] = markers(section);
  const stamp = `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${require('node:os').cpus().length} cores._`;
  const block = `${start}\n${markdown.trim()}\n\n${stamp}\n${end}`;
  withLock(() => {
    const current = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : HEADER;
    const from = current.indexOf(start);
    const to = current.indexOf(end);
    const next =
      from >= 0 && to > from
        ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
        : `${current.trimEnd()}\n\n${block}\n`;
    fs.writeFileSync(RESULTS_FILE, next);
  });
}

/** Median and percentiles of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
