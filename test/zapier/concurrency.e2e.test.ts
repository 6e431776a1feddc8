// Concurrent subscribes for one Zap URL (a Zap turned on twice at once) against the sandbox over
// real HTTP: they end with exactly one webhook at that URL, one that a successful subscribe
// returned; the others fail in plain words. Webhooks at other URLs are never touched.
import { appTester, trigger, zapierErrorParts } from './support/app-tester';
import { liveSuite, webhooksAt, type Live } from './support/live';

const suite = liveSuite();
let live: Live;
beforeAll(() => void (live = suite.live()));

test.each([3, 5])('%i concurrent subscribes for one URL end with exactly one webhook', async (n) => {
  const op = trigger('order_created');
  const targetUrl = `${live.catcher.url}/hooks/catch/5/concurrent-${n}`;
  const bystander = await live.client.api('POST', '/webhooks', { url: `${targetUrl}-other`, events: ['order.created'] });

  const results = await Promise.allSettled(
    Array.from({ length: n }, () => appTester(op.performSubscribe, { authData: live.authData, targetUrl })),
  );
  const left = await webhooksAt(live, targetUrl);
  expect(left).toHaveLength(1);
  const succeeded = results.filter((r): r is PromiseFulfilledResult<any> => r.status === 'fulfilled').map((r) => r.value);
  expect(succeeded.map((s) => s.id)).toContain(left[0]!.id);
  for (const failed of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
    const parts = zapierErrorParts(failed.reason);
    expect(parts.message.length).toBeLessThanOrEqual(400);
    expect(parts.message).not.toMatch(/whsec_|dk_[A-Za-z0-9]/);
  }
  expect(await webhooksAt(live, `${targetUrl}-other`)).toHaveLength(1);

  await appTester(op.performUnsubscribe, { authData: live.authData, subscribeData: { id: left[0]!.id } as any });
  await live.client.api('DELETE', `/webhooks/${bystander.data.id}`);
  expect(await live.client.webhooks()).toEqual([]);
});
