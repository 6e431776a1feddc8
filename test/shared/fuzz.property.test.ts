// The CI share of the fuzzing (`npm run fuzz` runs 100,000): 5,000 deliveries with a fresh seed
// each run. The seed is printed; `FUZZ_SEED=<seed> npx jest test/shared/fuzz.property.test.ts` or
// `npm run fuzz -- --runs 5000 --seed <seed>` replays a failure.
import { recordResults } from '../support/results';
import { figuresMarkdown, fuzzDeliveries } from '../reliability/fuzz-deliveries';

const RUNS = 5_000;

test(`verify + normalize: ${RUNS} fuzzed deliveries, no throw, no false accept, every key kept`, () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npx jest test/shared/fuzz.property.test.ts)`);
  const figures = fuzzDeliveries({ runs: RUNS, seed });
  recordResults('fuzz-ci', figuresMarkdown('Fuzzing in CI (npm test)', `FUZZ_SEED=${seed} npx jest test/shared/fuzz.property.test.ts`, figures));
  expect(figures.counterexample).toBeUndefined();
  expect(figures.failures).toBe(0);
  // Every kind of verdict was reached, so the run exercised each branch.
  expect(Object.keys(figures.accepted).sort()).toEqual(['X-Webhook-Signature', 'X-Webhook-Signature-Old']);
  expect(Object.keys(figures.rejected)).toEqual(
    expect.arrayContaining(['grace-ended', 'mismatch', 'missing-secret', 'missing-signature', 'rotated-secret']),
  );
  expect(figures.normalized).toBeGreaterThan(RUNS / 3);
});
