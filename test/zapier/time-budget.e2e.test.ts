// The app's time budget (zapier/src/time-budget.ts) with its real numbers, against the sandbox over
// HTTP: Distribu takes a create and never answers (fault `lost-hang`: the change is committed, the
// answer is lost, the connection hangs for a minute). The step must end with the app's own plain
// message well before Zapier's 30-second limit, and a Zap being turned on must leave no webhook.
// The measured durations go to docs/reliability.md.
import { ZAPIER_STEP_LIMIT_MS, timeBudget } from '../../zapier/src/time-budget';
import { App, appTester, rejectionOf, trigger, zapierErrorParts } from './support/app-tester';
import { liveSuite, webhooksAt } from './support/live';
import { recordResults } from '../support/results';

// The real budget, taken before the live suite shortens the request timeout for the other suites.
const REAL = { ...timeBudget };
const HANG_MS = 60_000;
const suite = liveSuite();
const measured: Record<string, { ms: number; left: string }> = {};

beforeAll(() => Object.assign(timeBudget, REAL));
afterAll(() => {
  recordResults('zapier-time-budget', [
    '## Time budget: Zapier app',
    '',
    `Hung calls through zapier-platform-core against the sandbox (fault \`lost-hang\`: Distribu commits the change and never answers; held ${HANG_MS / 1000} s), with the app's real budget: each call waits at most ${REAL.requestMs / 1000} s, a step's calls end by ${REAL.stepMs / 1000} s (Zapier's limit: ${ZAPIER_STEP_LIMIT_MS / 1000} s), and a create leaves ${REAL.afterCreateMs / 1000} s for its clean-up.`,
    '',
    '| step | the app answered after | left behind at Distribu |',
    '|---|---|---|',
    ...Object.entries(measured).map(([step, { ms, left }]) => `| ${step} | ${(ms / 1000).toFixed(1)} s | ${left} |`),
  ].join('\n'));
});

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = Date.now();
  const value = await run();
  return { ms: Date.now() - start, value };
}

test('a hung Create Order ends with the app\'s message (may or may not exist, look first) within the budget', async () => {
  const { sb, client } = suite.live();
  const customer = [...sb.core.store.customers.values()].find((c) => c.status === 'ACTIVE')!;
  const product = [...sb.core.store.products.values()].find((p) => p.isActive && p.stock > 5)!;
  const before = sb.core.store.orders.size;
  await client.fault({ status: 'lost-hang', method: 'POST', path: '/orders', count: 1, delayMs: HANG_MS });
  const { ms, value: error } = await timed(() =>
    rejectionOf(
      appTester((App.creates as any).create_order.operation.perform, {
        authData: { apiKey: sb.apiKey, baseUrl: sb.url },
        inputData: { customerId: customer.id, lineItems: [{ productId: product.id, quantity: 1 }] },
      }),
    ),
  );
  const made = sb.core.store.orders.size - before;
  measured['Create Order, answer lost'] = { ms, left: `${made} order (sent once, never retried)` };
  expect(zapierErrorParts(error)).toMatchObject({
    code: 'Timeout',
    message: `Distribu did not answer within ${REAL.requestMs / 1000} seconds. The order may or may not have been created: look in Distribu before running this again. It was not retried automatically: Distribu has no idempotency keys, so a repeat could duplicate it.`,
  });
  expect(ms).toBeGreaterThanOrEqual(REAL.requestMs - 50);
  expect(ms).toBeLessThan(REAL.stepMs);
  // The sandbox did take it: exactly one order, never a second one from a retry.
  expect(made).toBe(1);
});

test('a hung subscribe (turning a Zap on) removes the webhook Distribu made, and says so, within the budget', async () => {
  const { client, catcher, authData } = suite.live();
  const targetUrl = `${catcher.url}/hooks/catch/30/hung-subscribe`;
  await client.fault({ status: 'lost-hang', method: 'POST', path: '/webhooks', count: 1, delayMs: HANG_MS });
  const { ms, value: error } = await timed(() => rejectionOf(appTester(trigger('order_shipped').performSubscribe, { authData, targetUrl })));
  const left = await webhooksAt(suite.live(), targetUrl);
  measured['Turning a Zap on, answer lost'] = { ms, left: `${left.length} webhooks` };
  expect(zapierErrorParts(error)).toMatchObject({
    code: 'RegistrationOutcomeUnknown',
    message: `Distribu did not confirm the webhook registration (Distribu did not answer within ${REAL.requestMs / 1000} seconds. Try again in a few minutes). The webhook it created anyway was removed, so nothing is left behind. Try again.`,
  });
  expect(ms).toBeLessThan(REAL.stepMs);
  expect(left).toEqual([]);
  // The create did reach Distribu (and was then removed): the clean-up had something to do.
  const audit = (await (await fetch(`${suite.live().sb.url}/_sandbox/audit`)).json()) as { data: Array<Record<string, unknown>> };
  expect(audit.data.filter((a) => JSON.stringify(a).includes(targetUrl)).length).toBeGreaterThanOrEqual(2);
});

test('a step that has used up its time sends nothing more and says so', async () => {
  const { sb, authData } = suite.live();
  const stepMs = timeBudget.stepMs;
  timeBudget.stepMs = 100;
  try {
    const before = (await suite.live().client.requests()).length;
    const error = await rejectionOf(appTester((App.searches as any).find_product.operation.perform, { authData, inputData: { search: 'widget' } }));
    expect(zapierErrorParts(error).message).toMatch(/^This Zapier step ran out of time .* before the next call to Distribu could be sent\./);
    expect((await suite.live().client.requests()).length).toBe(before);
  } finally {
    timeBudget.stepMs = stepMs;
  }
  expect(sb.url).toBeTruthy();
});
