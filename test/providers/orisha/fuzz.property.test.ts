// The CI share of Orisha's fuzzing (`npm run fuzz -- --provider orisha` runs 100,000): 5,000
// deliveries with a fresh seed each run, printed; `FUZZ_SEED=<seed> npx jest test/providers/orisha/fuzz.property.test.ts` replays.
import { recordResults } from '../../support/results';
import { figuresMarkdown } from '../../reliability/fuzz-deliveries';
import { fuzzOrishaDeliveries } from '../../reliability/fuzz-orisha';

const RUNS = 5_000;

test(`Orisha deliveries: ${RUNS} fuzzed, no throw, accepted exactly with the stored secret, no secret anywhere, every body key kept`, () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npx jest test/providers/orisha/fuzz.property.test.ts)`);
  const figures = fuzzOrishaDeliveries({ runs: RUNS, seed });
  recordResults('fuzz-orisha-ci', figuresMarkdown('Fuzzing Orisha Commerce in CI (npm test)', `FUZZ_SEED=${seed} npx jest test/providers/orisha/fuzz.property.test.ts`, figures));
  expect(figures.counterexample).toBeUndefined();
  expect(figures.failures).toBe(0);
  // Every kind of verdict was reached, so the run exercised each branch.
  expect(Object.keys(figures.accepted)).toEqual(['X-Secret']);
  expect(Object.keys(figures.rejected)).toEqual(expect.arrayContaining(['mismatch', 'missing-secret', 'missing-signature']));
  expect(figures.normalized).toBeGreaterThan(RUNS / 10);
  expect(figures.notNormalized).toBeGreaterThan(0);
});
