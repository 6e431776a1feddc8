/**
 * `npm run fuzz [-- --runs N --seed S --provider P]`: fuzzes verify + normalize with N deliveries (default
 * 100,000) of provider P (default distribu; orisha) and writes the figures to docs/reliability.md
 * (section "fuzz", or "fuzz-<provider>"). A failure prints the
 * counterexample and the seed and path that replay it, and exits 1.
 */
import { parseArgs } from 'node:util';
import { recordResults } from '../support/results';
import { figuresMarkdown, fuzzDeliveries, type FuzzFigures } from './fuzz-deliveries';
import { fuzzOrishaDeliveries } from './fuzz-orisha';

/** Each provider's fuzzer, its title and its results section. */
const PROVIDERS: Record<string, { run: (o: { runs: number; seed: number }) => FuzzFigures; title: string; section: string }> = {
  distribu: { run: fuzzDeliveries, title: 'Fuzzing: verification + normalization', section: 'fuzz' },
  orisha: { run: fuzzOrishaDeliveries, title: 'Fuzzing Orisha Commerce: X-Secret verification + items', section: 'fuzz-orisha' },
};

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, provider: { type: 'string' } } });
const runs = Number(values.runs ?? 100_000);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const provider = values.provider ?? 'distribu';
const fuzzer = Object.hasOwn(PROVIDERS, provider) ? PROVIDERS[provider] : undefined;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !fuzzer) {
  console.error(`Usage: npm run fuzz -- [--runs <whole number ≥ 1>] [--seed <integer>] [--provider ${Object.keys(PROVIDERS).join('|')}]`);
  process.exit(2);
}

console.log(`Fuzzing verify + normalize (${provider}): ${runs.toLocaleString('en-US')} deliveries, seed ${seed}`);
const figures = fuzzer.run({ runs, seed });
const flag = provider === 'distribu' ? '' : ` --provider ${provider}`;
const markdown = figuresMarkdown(fuzzer.title, `npm run fuzz -- --runs ${runs} --seed ${seed}${flag}`, figures);
console.log(markdown);
recordResults(fuzzer.section, markdown);
if (figures.failures > 0) process.exitCode = 1;
