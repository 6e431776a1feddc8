/**
 * `npm run fuzz [-- --runs N --seed S]`: fuzzes verify + normalize with N deliveries (default
 * 100,000) and writes the figures to docs/reliability.md (section "fuzz"). A failure prints the
 * counterexample and the seed and path that replay it, and exits 1.
 */
import { parseArgs } from 'node:util';
import { recordResults } from '../support/results';
import { figuresMarkdown, fuzzDeliveries } from './fuzz-deliveries';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 100_000);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('Usage: npm run fuzz -- [--runs <whole number ≥ 1>] [--seed <integer>]');
  process.exit(2);
}

console.log(`Fuzzing verify + normalize: ${runs.toLocaleString('en-US')} deliveries, seed ${seed}`);
const figures = fuzzDeliveries({ runs, seed });
const markdown = figuresMarkdown('Fuzzing: verification + normalization', `npm run fuzz -- --runs ${runs} --seed ${seed}`, figures);
console.log(markdown);
recordResults('fuzz', markdown);
if (figures.failures > 0) process.exitCode = 1;
