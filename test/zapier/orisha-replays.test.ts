// The Orisha Commerce app's duplicate suppression across processes: Orisha sends one event more than once with one
// X-Event-Id; a second, isolated copy of the app's modules (its own memory, "another process"), run through core's
// createAppHandler as Zapier runs it, refuses it through z.cache set-if-absent (core's real RPC client talking to a
// stand-in for Zapier's RPC endpoint); without z.cache each process remembers only its own runs.
import { version as platformVersion } from 'zapier-platform-core';
import { zapierRunner } from '../../scripts/zapier/runner';
import { orishaHost } from '../../shared/src/providers/orisha/host';
import { seedOrisha } from '../../sandbox/orisha/seed';
import { startOrishaSandbox, type OrishaSandbox } from '../../sandbox/orisha/server';
import { rpcSuite } from './support/live';

const ADM = 'ADM01';
const PERFORM = 'triggers.customer_updated.operation.perform';
const rpcOf = rpcSuite();
let sandbox: OrishaSandbox;
beforeAll(async () => {
  sandbox = await startOrishaSandbox();
  seedOrisha(sandbox.store, ADM);
});
afterAll(() => sandbox.close());

/** The app from a fresh copy of its modules: what another process running it would have. */
function isolatedOrishaApp(): object {
  let app: object | undefined;
  jest.isolateModules(() => {
    const { makeApp } = require('../../zapier/src/provider-app') as typeof import('../../zapier/src/provider-app');
    app = makeApp(orishaHost, '1.0.0', platformVersion);
  });
  return app!;
}

async function delivery() {
  const identity = sandbox.addClient([ADM]);
  const fields = { clientId: identity.clientId, clientSecret: identity.clientSecret, administrationCode: ADM, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience };
  const run = zapierRunner(isolatedOrishaApp());
  const authData = { ...fields, ...(await run<{ accessToken: string }>('authentication.sessionConfig.perform', { authData: fields })) };
  const subscribeData = await run<{ id: string; secret: string }>('triggers.customer_updated.operation.performSubscribe', { authData, targetUrl: 'https://hooks.zapier.example/hooks/standard/1/x/' });
  const headers = { 'Http-X-Event-Id': crypto.randomUUID(), 'Http-X-Event-Type': 'customer.updated', 'Http-X-Secret': subscribeData.secret, 'Http-X-Administration-Code': ADM, 'Http-X-Triggeredby-Id': 'client_erp' };
  const content = '{"CustomerCode":"CUS-2001"}';
  return { authData, subscribeData, rawRequest: { method: 'POST', querystring: '', headers, content }, cleanedRequest: JSON.parse(content) };
}

test('across processes: a duplicate X-Event-Id is refused through z.cache; without it, each process runs it once', async () => {
  const rpc = rpcOf();
  const bundle = await delivery();
  const withCache = { url: rpc.rpcUrl, token: 'test-token' };
  const [a, b] = [zapierRunner(isolatedOrishaApp(), withCache), zapierRunner(isolatedOrishaApp(), withCache)];
  expect(await a<unknown[]>(PERFORM, bundle)).toEqual([expect.objectContaining({ CustomerCode: 'CUS-2001', recordStatus: 'fetched' })]);
  expect(await b<unknown[]>(PERFORM, bundle)).toEqual([]);
  const claims = rpc.calls.filter((c) => c.method === 'zcache_set' && c.key === `orisha:seen:${bundle.subscribeData.id}:${bundle.rawRequest.headers['Http-X-Event-Id']}`);
  expect(claims).toHaveLength(2);
  expect(rpc.logs.join('\n')).not.toContain(bundle.subscribeData.secret);
  expect(rpc.logs.join('\n')).not.toContain(bundle.authData.clientSecret);

  const other = await delivery();
  const [c, d] = [zapierRunner(isolatedOrishaApp()), zapierRunner(isolatedOrishaApp())];
  expect(await c<unknown[]>(PERFORM, other)).toHaveLength(1);
  expect(await c<unknown[]>(PERFORM, other)).toEqual([]);
  expect(await d<unknown[]>(PERFORM, other)).toHaveLength(1);
});
