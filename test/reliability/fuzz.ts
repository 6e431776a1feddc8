/**
 * `npm run fuzz [-- --runs N --seed S --provider P]`: fuzzes verify + normalize with N deliveries
 * (default 100,000) of one provider (`distribu`, the default, `dist0` or `orisha`) and writes the figures to
 * docs/reliability.md (section "fuzz", or "fuzz-<provider>"). A failure prints the counterexample and
 * the seed and path that replay it, and exits 1.
 */
import { parseArgs } from 'node:util';
import { recordResults } from '../support/results';
import { fuzzDist0 } from './fuzz-dist0';
import { figuresMarkdown, fuzzDeliveries, type FuzzFigures } from './fuzz-deliveries';
import { fuzzOrishaDeliveries } from './fuzz-orisha';

const PROVIDERS: Record<string, { title: string; section: string; normalizedMeans?: string; run: (o: { runs: number; seed: number }) => FuzzFigures }> = {
  distribu: { title: 'Fuzzing: verification + normalization', section: 'fuzz', run: fuzzDeliveries },
  dist0: { title: 'Fuzzing dist0 sends: verification + normalization', section: 'fuzz-dist0', normalizedMeans: 'the body was a JSON object with a type and a signal id; each item\'s id and dedupe key are that signal id', run: fuzzDist0 },
  orisha: { title: 'Fuzzing Orisha Commerce: X-Secret verification + items', section: 'fuzz-orisha', run: fuzzOrishaDeliveries },
};

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, provider: { type: 'string', default: 'distribu' } } });
const runs = Number(values.runs ?? 100_000);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const provider = Object.hasOwn(PROVIDERS, values.provider!) ? PROVIDERS[values.provider!] : undefined;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !provider) {
  console.error(`Usage: npm run fuzz -- [--runs <whole number ≥ 1>] [--seed <integer>] [--provider ${Object.keys(PROVIDERS).join('|')}]`);
  process.exit(2);
}

console.log(`Fuzzing verify + normalize (${values.provider}): ${runs.toLocaleString('en-US')} deliveries, seed ${seed}`);
const figures = provider.run({ runs, seed });
const providerFlag = values.provider === 'distribu' ? '' : ` --provider ${values.provider}`;
const markdown = figuresMarkdown(provider.title, `npm run fuzz -- --runs ${runs} --seed ${seed}${providerFlag}`, figures, provider.normalizedMeans);
console.log(markdown);
recordResults(provider.section, markdown);
if (figures.failures > 0) process.exitCode = 1;
