import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verify } from '@distribu/shared/runtime';
import { startSandbox } from '../../sandbox/src';
import { startCatcher, type Catcher } from '../../scripts/catcher';
import { client } from './support/http';

let dir: string;
let catcher: Catcher;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-state-'));
  catcher = await startCatcher();
});
afterAll(async () => {
  await catcher.close();
  rmSync(dir, { recursive: true, force: true });
});

test('with a state file, records, webhooks, secrets and keys survive a restart', async () => {
  const statePath = path.join(dir, 'state.json');
  const first = await startSandbox({ port: 0, statePath });
  const api1 = client(first.url, first.apiKey);
  const hook = (await api1('POST', '/api/v1/webhooks', { url: `${catcher.url}/kept`, events: ['customer.created'] })).body.data;
  const customer = (await api1('POST', '/api/v1/customers', { email: 'kept@example.com', name: 'Kept Ltd' })).body.data;
  await first.idle();
  await first.close();
  expect(statSync(statePath).mode & 0o777).toBe(0o600);

  const second = await startSandbox({ port: 0, statePath });
  try {
    const api2 = client(second.url, second.apiKey);
    expect((await api2('GET', `/api/v1/customers/${customer.id}`)).body.data).toEqual(customer);
    // Not seeded twice: the seeded catalogue appears once.
    expect((await api2('GET', '/api/v1/products?search=COF-ARA')).body.data).toHaveLength(1);
    // The first run's key still works; the webhook still signs with its original secret.
    expect((await client(second.url, first.apiKey)('GET', '/api/v1/webhooks')).status).toBe(200);
    const webhooks = (await api2('GET', '/api/v1/webhooks')).body.data;
    expect(webhooks.map((w: { id: string }) => w.id)).toEqual([hook.id]);
    catcher.clear();
    await second.fire('customer.created', { variant: 'api' });
    expect(verify({ body: catcher.caught[0]!.raw, headers: catcher.caught[0]!.headers, secrets: [hook.secret] }).ok).toBe(true);
    // New records continue the order after the restored ones.
    const newer = (await api2('POST', '/api/v1/customers', { email: 'newer@example.com' })).body.data;
    expect((await api2('GET', '/api/v1/customers?limit=1')).body.data[0].id).toBe(newer.id);
  } finally {
    await second.close();
  }
});

test('without a state file nothing is written and every start is fresh', async () => {
  const a = await startSandbox({ port: 0 });
  await client(a.url, a.apiKey)('POST', '/api/v1/customers', { email: 'gone@example.com' });
  await a.close();
  const b = await startSandbox({ port: 0 });
  expect((await client(b.url, b.apiKey)('GET', '/api/v1/customers?search=gone@')).body.data).toEqual([]);
  await b.close();
});
