// The secrets test: every operation of the Zapier app (connection test, subscribe, perform with
// its failures, performList, unsubscribe) runs against the sandbox over real HTTP, once plainly
// and once behind a gateway that echoes the request's headers (Authorization: Bearer dk_…) in a
// 502 page. Every z.console line, every returned item and every thrown error (message and
// JSON-serialised form) is captured and searched for the API key and every signing secret.
// subscribe's own return value is not searched: it is the subscribeData Zapier stores, which must
// hold the signing secret to verify deliveries.
import { recordResults } from '../support/results';
import { App, appTester, trigger } from './support/app-tester';
import { fireAndCatch, hookBundle, liveSuite, orderCreatedBody, signed, subscribeZap, type Live } from './support/live';

const suite = liveSuite();
const logs = suite.logs;
const captured: string[] = [];
const secrets = suite.secrets;
let live: Live;
beforeAll(() => void (live = suite.live()));
const op = () => trigger('order_created');
let runs = 0;
let errors = 0;

async function capture(run: () => Promise<unknown>, keepResult = true): Promise<unknown> {
  runs += 1;
  try {
    const result = await run();
    if (keepResult) captured.push(JSON.stringify(result) ?? '');
    return result;
  } catch (error) {
    errors += 1;
    captured.push(String((error as Error).message), JSON.stringify(error, Object.getOwnPropertyNames(error)));
    return undefined;
  }
}
const echo = (method: string, path: string) => live.client.fault({ status: 'echo', method, path });

async function subscribed() {
  const zap = await subscribeZap(live, 'secrets');
  secrets.push(zap.subscribeData.secret);
  return zap;
}

test.each([false, true])('every operation, through the echoing gateway: %s', async (throughEcho) => {
  const authData = live.authData;
  // connection test
  if (throughEcho) await echo('GET', '/webhooks');
  await capture(() => appTester(App.authentication!.test as any, { authData }));

  // subscribe (its failure is captured; its success is Zapier's stored subscribeData)
  if (throughEcho) {
    await echo('POST', '/webhooks');
    await capture(() => appTester(op().performSubscribe, { authData, targetUrl: `${live.catcher.url}/hooks/catch/3/echo-sub` }));
  }
  const { path, subscribeData, targetUrl } = await subscribed();

  // perform: genuine, with Fetch Full (hydrate through the gateway), an exact replay, a stale one
  const delivery = await fireAndCatch(live, 'order.created', path, 'storefront');
  if (throughEcho) await echo('GET', '/orders');
  await capture(() => appTester(op().perform, hookBundle(delivery, subscribeData, { authData, inputData: { fetchFullRecord: true } })));
  await capture(() => appTester(op().perform, hookBundle(delivery, subscribeData, { authData })));
  const stale = signed(orderCreatedBody('2020-01-01T00:00:00.000Z'), subscribeData.secret);
  await capture(() => appTester(op().perform, hookBundle(stale, subscribeData, { authData })));
  // a forgery (the webhook check goes through the gateway), then a rotation the user must act on
  if (throughEcho) await echo('GET', `/webhooks/${subscribeData.id}`);
  await capture(() => appTester(op().perform, hookBundle(signed(orderCreatedBody(), 'whsec_forged_000000000000000000000000'), subscribeData, { authData })));
  const rotated = await live.client.rotateSecret(subscribeData.id, 0);
  secrets.push(rotated.secret);
  const after = await fireAndCatch(live, 'order.created', path, 'storefront');
  await capture(() => appTester(op().perform, hookBundle(after, subscribeData, { authData })));
  const second = await subscribed();
  await live.client.rotateSecret(second.subscribeData.id, 600).then((r) => secrets.push(r.secret));
  await capture(() => appTester(op().perform, hookBundle(signed(orderCreatedBody(), null, 'whsec_x_00000000000000000000000000000'), second.subscribeData, { authData })));

  // performList
  if (throughEcho) await echo('GET', '/orders');
  await capture(() => appTester(trigger('order_shipped').performList, { authData, meta: { limit: 3 } }));

  // unsubscribe, with and without a stored id
  if (throughEcho) await echo('DELETE', `/webhooks/${subscribeData.id}`);
  await capture(() => appTester(op().performUnsubscribe, { authData, subscribeData, targetUrl }));
  if (throughEcho) await echo('GET', '/webhooks');
  await capture(() => appTester(op().performUnsubscribe, { authData, subscribeData: {}, targetUrl }));
  await capture(() => appTester(op().performUnsubscribe, { authData, subscribeData: second.subscribeData }));
  await live.client.clearFaults();
  for (const hook of await live.client.webhooks()) await live.client.api('DELETE', `/webhooks/${hook.id}`);
});

test('no key or signing secret in any log line, item or error', () => {
  const haystacks = [...logs, ...captured];
  const found = haystacks.filter((text) => secrets.some((s) => text.includes(s)) || /(dk|whsec)_[A-Za-z0-9_-]{6,}/.test(text) || /bearer\s/i.test(text));
  expect(found).toEqual([]);
  expect(errors).toBeGreaterThan(5);
  recordResults(
    'secrets-zapier',
    `## Secrets: Zapier app

\`test/zapier/secrets.e2e.test.ts\`: every operation of the Zapier app (connection test, subscribe, perform — genuine,
Fetch Full, exact replay, stale, forged, after a rotation —, performList, unsubscribe with and without a stored id), once
directly and once with each API call behind a gateway that echoes the request headers (\`Authorization: Bearer dk_…\`)
in a 502 page, through zapier-platform-core against the sandbox over HTTP.

- Operations run: **${runs}** (${errors} ended in an error the user would see).
- Texts searched: **${haystacks.length}** (${logs.length} z.console lines, ${captured.length} returned items and thrown
  errors' messages and JSON-serialised forms).
- Secrets searched for: the API key and ${secrets.length - 1} signing secrets (incl. rotated ones), plus any
  \`dk_…\`/\`whsec_…\`-shaped text and any Bearer token.
- Found: **${found.length}**.`,
  );
});
