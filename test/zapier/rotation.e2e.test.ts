// Secret rotation, deletion and disabling in Distribu, seen from the Zapier trigger, against the
// sandbox over real HTTP (its rotate-secret control stands in for the dashboard's button):
// genuine deliveries during the grace window run, the user gets an actionable error once nothing
// can verify, a forgery with the rotated-away secret never runs, and a plain forgery against a
// healthy webhook returns [] (a leaked hook URL cannot switch a Zap off).
import { zapierRunner } from '../../scripts/zapier/runner';
import { appTester, rejectionOf, trigger, zapierErrorParts } from './support/app-tester';
import { fireAndCatch, hookBundle, isolatedApp, liveSuite, orderCreatedBody, rpcSuite, signed, subscribeZap, webhooksAt, type Live } from './support/live';

const suite = liveSuite();
const rpc = rpcSuite();
const logs = suite.logs;
let live: Live;
beforeAll(() => void (live = suite.live()));
const op = () => trigger('order_created');

const subscribe = () => subscribeZap(live, 'rotation');
const perform = (captured: Parameters<typeof hookBundle>[0], subscribeData: Record<string, unknown>) =>
  appTester(op().perform, hookBundle(captured, subscribeData, { authData: live.authData }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const webhookChecks = async (id: string) => (await live.client.requests({ method: 'GET', path: `/webhooks/${id}` })).length;

test('rotation: genuine deliveries run during the grace window, then the user is told to turn the Zap off and on', async () => {
  const { path, subscribeData } = await subscribe();
  const oldSecret = subscribeData.secret as string;
  // a forgery just before the rotation: Distribu's "healthy" answer is then reused for a minute
  expect(await perform(signed(orderCreatedBody(), 'whsec_attacker_guess_0000000000000000'), subscribeData)).toEqual([]);
  const rotated = await live.client.rotateSecret(subscribeData.id, 3);
  expect(rotated.secretRotationGraceExpiresAt).not.toBeNull();

  // during grace: Distribu signs with the new secret and, in -Old, with the stored one; such a
  // delivery is not judged on the minute-old "healthy" answer
  const during = await fireAndCatch(live, 'order.created', path, 'storefront');
  expect(during.headers['x-webhook-signature-old']).toBeDefined();
  const items = await perform(during, subscribeData);
  expect(items).toHaveLength(1);
  expect(logs.join('\n')).toMatch(/secret was rotated; deliveries run until/);

  // a forgery with the rotated-away secret in the current header never runs
  const forged = signed(orderCreatedBody(), oldSecret);
  expect(await perform(forged, subscribeData)).toEqual([]);
  // during grace the stored secret in -Old is accepted whatever the current header holds, as Distribu sends it
  expect(await perform(signed(orderCreatedBody(), 'whsec_not_the_secret_00000000000000', oldSecret), subscribeData)).toHaveLength(1);

  await sleep(Date.parse(rotated.secretRotationGraceExpiresAt!) - Date.now() + 100);

  // after grace: a genuine delivery cannot verify, and the user sees what to do
  const after = await fireAndCatch(live, 'order.created', path, 'storefront');
  expect(after.headers['x-webhook-signature-old']).toBeUndefined();
  const error = zapierErrorParts(await rejectionOf(perform(after, subscribeData)));
  expect(error.code).toBe('WebhookSecretRotated');
  expect(error.message).toContain('Turn this Zap off and on again');
  expect(error.message).not.toContain(oldSecret);
  expect(error.message).not.toContain(rotated.secret);

  // the rotated-away secret, in either header, never runs again
  await expect(perform(signed(orderCreatedBody(), oldSecret), subscribeData)).rejects.toThrow(/rotated/);
  await expect(perform(signed(orderCreatedBody(), null, oldSecret), subscribeData)).rejects.toThrow(/rotated/);

  // turning the Zap off and on registers a fresh webhook whose deliveries run again
  await appTester(op().performUnsubscribe, { authData: live.authData, subscribeData });
  const fresh = await appTester(op().performSubscribe, { authData: live.authData, targetUrl: `${live.catcher.url}${path}` });
  expect(await webhooksAt(live, `${live.catcher.url}${path}`)).toHaveLength(1);
  expect(await perform(await fireAndCatch(live, 'order.created', path, 'storefront'), fresh)).toHaveLength(1);
  await appTester(op().performUnsubscribe, { authData: live.authData, subscribeData: fresh });
});

test('a rotation one process learned is known to another through z.cache, after Distribu stops showing it', async () => {
  const PERFORM = 'triggers.order_created.operation.perform';
  const { path, subscribeData } = await subscribe();
  const bundle = (captured: Parameters<typeof hookBundle>[0]) => hookBundle(captured, subscribeData, { authData: live.authData });
  const withCache = { url: rpc().rpcUrl, token: 'test-token' };
  const [first, second, noCache] = [zapierRunner(isolatedApp(), withCache), zapierRunner(isolatedApp(), withCache), zapierRunner(isolatedApp())];
  // Rotated only once the three apps are loaded: loading them can take longer than the 2 s grace on a busy machine.
  const rotated = await live.client.rotateSecret(subscribeData.id, 2);

  expect(await first<unknown[]>(PERFORM, bundle(await fireAndCatch(live, 'order.created', path, 'storefront')))).toHaveLength(1);
  await sleep(Date.parse(rotated.secretRotationGraceExpiresAt!) - Date.now() + 100);
  expect((await live.client.webhooks()).find((w) => w.id === subscribeData.id)!.secretRotationGraceExpiresAt).toBeNull();

  const after = bundle(await fireAndCatch(live, 'order.created', path, 'storefront'));
  await expect(second(PERFORM, after)).rejects.toThrow(/was rotated in Distribu.*Turn this Zap off and on again/);
  // without z.cache, a process that saw no -Old delivery cannot tell this from a forgery: it ignores it
  expect(await noCache<unknown[]>(PERFORM, after)).toEqual([]);
  await appTester(op().performUnsubscribe, { authData: live.authData, subscribeData });
});

test('a failed delivery during a rotation Distribu confirms raises the actionable error', async () => {
  const { subscribeData } = await subscribe();
  await live.client.rotateSecret(subscribeData.id, 600);
  // signed only with some other secret (as after a second rotation): Distribu shows the rotation
  const error = zapierErrorParts(await rejectionOf(perform(signed(orderCreatedBody(), 'whsec_second_rotation_000000000000000'), subscribeData)));
  expect(error.code).toBe('WebhookSecretRotated');
  expect(error.message).toMatch(/run until \d{4}-\d\d-\d\dT/);
  await appTester(op().performUnsubscribe, { authData: live.authData, subscribeData });
});

test('a plain forgery against a healthy webhook returns [] with a log line, and costs at most one check a minute', async () => {
  const { subscribeData } = await subscribe();
  const before = logs.length;
  for (let i = 0; i < 5; i += 1) {
    expect(await perform(signed(orderCreatedBody(), 'whsec_attacker_guess_0000000000000000'), subscribeData)).toEqual([]);
  }
  expect(logs.slice(before).filter((l) => /Ignored a delivery for "New Order": .*does not match/.test(l))).toHaveLength(5);
  expect(await webhookChecks(subscribeData.id)).toBe(1);
  await appTester(op().performUnsubscribe, { authData: live.authData, subscribeData });
});

test('a webhook deleted in Distribu: the error says to turn the Zap off and on', async () => {
  const { subscribeData } = await subscribe();
  await live.client.api('DELETE', `/webhooks/${subscribeData.id}`);
  const error = zapierErrorParts(await rejectionOf(perform(signed(orderCreatedBody(), 'whsec_whatever_0000000000000000000000'), subscribeData)));
  expect(error).toMatchObject({ code: 'WebhookDeleted' });
  expect(error.message).toMatch(/was deleted in Distribu.*Turn this Zap off and on again/);
});

test('a webhook disabled in Distribu: the error says to re-enable it', async () => {
  const { subscribeData } = await subscribe();
  await live.client.api('PATCH', `/webhooks/${subscribeData.id}`, { isActive: false });
  const error = zapierErrorParts(await rejectionOf(perform(signed(orderCreatedBody(), 'whsec_whatever_0000000000000000000000'), subscribeData)));
  expect(error).toMatchObject({ code: 'WebhookDisabled' });
  expect(error.message).toMatch(/is disabled in Distribu.*Re-enable it in Distribu under Settings → Webhooks/);
  await appTester(op().performUnsubscribe, { authData: live.authData, subscribeData });
});

test('logs and errors never show a key or a secret', () => {
  const text = logs.join('\n');
  expect(text).not.toContain(live.sb.apiKey);
  expect(text).not.toMatch(/whsec_[A-Za-z0-9_-]{8,}/);
});
