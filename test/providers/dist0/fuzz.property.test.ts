// The CI share of dist0's fuzzing (`npm run fuzz -- --provider dist0` runs 100,000): 5,000 sends with
// a fresh seed each run. The seed is printed; `FUZZ_SEED=<seed> npx jest test/providers/dist0/fuzz.property.test.ts`
// or `npm run fuzz -- --provider dist0 --runs 5000 --seed <seed>` replays a failure.
import { fuzzDist0 } from '../../reliability/fuzz-dist0';

const RUNS = 5_000;

test(`dist0 verify + normalize: ${RUNS} fuzzed sends, no throw, no false accept or refusal, dedupe key = signal.id`, () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`dist0 fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npx jest test/providers/dist0/fuzz.property.test.ts)`);
  const figures = fuzzDist0({ runs: RUNS, seed });
  expect(figures.counterexample).toBeUndefined();
  expect(figures.failures).toBe(0);
  // Every kind of verdict was reached, so the run exercised each branch.
  expect(Object.keys(figures.accepted)).toEqual(['X-Dist0-Signature']);
  expect(Object.keys(figures.rejected)).toEqual(expect.arrayContaining(['bad-timestamp', 'mismatch', 'missing-secret', 'missing-signature', 'missing-timestamp', 'stale']));
  expect(figures.normalized).toBeGreaterThan(RUNS / 3);
});
