// Replays against the sandbox over real HTTP: an exact replay of a genuine delivery starts no
// second run (per process, and across processes when z.cache answers), a delivery outside the
// replay window starts none, and two Zaps on one event each run once. "Another process" is a
// second, isolated copy of the app's modules (its own memory), run through core's
// createAppHandler the way Zapier runs it, with z.cache over core's real RPC client talking to
// a stand-in for Zapier's RPC endpoint (scripts/zapier/rpc.ts).
import { zapierRunner } from '../../scripts/zapier/runner';
import { REPLAY_WINDOW_SECONDS } from '../../zapier/src/provider/replays';
import { appTester, trigger } from './support/app-tester';
import { fireAndCatch, hookBundle, isolatedApp, liveSuite, orderCreatedBody, rpcSuite, signed, subscribeZap, type Live } from './support/live';

const suite = liveSuite();
const logs = suite.logs;
const rpcOf = rpcSuite();
let live: Live;
let rpc: ReturnType<typeof rpcOf>;
beforeAll(() => {
  live = suite.live();
  rpc = rpcOf();
});
const op = () => trigger('order_created');

const subscribe = () => subscribeZap(live, 'replay');
const unsubscribe = (subscribeData: unknown) => appTester(op().performUnsubscribe, { authData: live.authData, subscribeData });

const PERFORM = 'triggers.order_created.operation.perform';

test('an exact replay within the window starts no second run (same process)', async () => {
  const { path, subscribeData } = await subscribe();
  const delivery = await fireAndCatch(live, 'order.created', path, 'storefront');
  const bundle = hookBundle(delivery, subscribeData, { authData: live.authData });
  expect(await appTester(op().perform, bundle)).toHaveLength(1);
  expect(await appTester(op().perform, bundle)).toEqual([]);
  expect(logs.join('\n')).toMatch(/it already ran for this Zap \(an exact replay\)/);
  await unsubscribe(subscribeData);
});

test('across processes: refused through z.cache (set-if-absent), run twice without it', async () => {
  const { path, subscribeData } = await subscribe();
  const bundle = hookBundle(await fireAndCatch(live, 'order.created', path, 'storefront'), subscribeData, { authData: live.authData });

  const withCache = { url: rpc.rpcUrl, token: 'test-token' };
  const [a, b] = [zapierRunner(isolatedApp(), withCache), zapierRunner(isolatedApp(), withCache)];
  expect(await a<unknown[]>(PERFORM, bundle)).toHaveLength(1);
  expect(await b<unknown[]>(PERFORM, bundle)).toEqual([]);
  expect(rpc.calls.some((c) => c.method === 'zcache_set' && c.key.startsWith(`distribu:seen:${subscribeData.id}:`))).toBe(true);
  expect(rpc.logs.length).toBeGreaterThan(0);
  expect(rpc.logs.join('\n')).not.toContain(live.sb.apiKey);
  expect(rpc.logs.join('\n')).not.toContain(subscribeData.secret);

  // outside Zapier core has no RPC: z.cache throws, each process remembers only its own runs
  const before = logs.length;
  const [c, d] = [zapierRunner(isolatedApp()), zapierRunner(isolatedApp())];
  const other = hookBundle(await fireAndCatch(live, 'order.created', path, 'storefront'), subscribeData, { authData: live.authData });
  expect(await c<unknown[]>(PERFORM, other)).toHaveLength(1);
  expect(await c<unknown[]>(PERFORM, other)).toEqual([]);
  expect(await d<unknown[]>(PERFORM, other)).toHaveLength(1);
  expect(logs.slice(before).join('\n')).toMatch(/z\.cache\) did not answer; this run remembers deliveries in its own process only/);
  await unsubscribe(subscribeData);
});

test('a delivery outside the replay window starts no run; one inside it does', async () => {
  const { subscribeData } = await subscribe();
  const secret = subscribeData.secret as string;
  const old = new Date(Date.now() - (REPLAY_WINDOW_SECONDS + 60) * 1000).toISOString();
  const before = logs.length;
  expect(await appTester(op().perform, hookBundle(signed(orderCreatedBody(old), secret), subscribeData, { authData: live.authData }))).toEqual([]);
  expect(logs.slice(before).join('\n')).toMatch(new RegExp(`is more than ${REPLAY_WINDOW_SECONDS} seconds from now`));
  const recent = new Date(Date.now() - (REPLAY_WINDOW_SECONDS - 60) * 1000).toISOString();
  expect(await appTester(op().perform, hookBundle(signed(orderCreatedBody(recent), secret), subscribeData, { authData: live.authData }))).toHaveLength(1);
  await unsubscribe(subscribeData);
});

test('two Zaps on one event receive the same body, and each runs once', async () => {
  const first = await subscribe();
  const second = await subscribe();
  await live.client.fire('order.created', { variant: 'storefront' });
  const [one, two] = [live.catcher.at(first.path)[0]!, live.catcher.at(second.path)[0]!];
  expect(one.body).toBe(two.body);
  expect(await appTester(op().perform, hookBundle(one, first.subscribeData, { authData: live.authData }))).toHaveLength(1);
  expect(await appTester(op().perform, hookBundle(two, second.subscribeData, { authData: live.authData }))).toHaveLength(1);
  await unsubscribe(first.subscribeData);
  await unsubscribe(second.subscribeData);
});

test("Zapier's replay of a run held for a refused key (Fetch Full) runs (it is not taken for a replay); a third copy does not", async () => {
  const { path, subscribeData } = await subscribe();
  const bundle = hookBundle(await fireAndCatch(live, 'order.created', path, 'storefront'), subscribeData, {
    authData: live.authData,
    inputData: { fetchFullRecord: true },
  });
  await live.client.fault({ status: 401, method: 'GET', path: '/orders' });
  const held = await appTester(op().perform, bundle).then(
    () => null,
    (error: Error) => error,
  );
  expect(held?.name).toBe('ExpiredAuthError');
  expect(await appTester(op().perform, bundle)).toHaveLength(1);
  expect(await appTester(op().perform, bundle)).toEqual([]);
  await unsubscribe(subscribeData);
});
