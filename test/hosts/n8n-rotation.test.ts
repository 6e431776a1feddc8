// The n8n trigger's rotation handling (n8n-node/src/trigger/rotation.ts, lifecycle.ts) for a provider that is not
// Distribu: Acme's hooks API on loopback, whose hooks' secrets can be rotated with a grace window (host data
// `subscription.rotation`, the SubscriptionApi's `rotatedUntil`). A delivery that verifies only through
// Acme-Signature-Previous registers a replacement; the next one removes the rotated hook; the old secret is
// accepted only in the previous header until the grace end; a publish meeting a rotated hook replaces it.
import { signWith, type HmacScheme } from '@distribu/shared/kit';
import { triggerMemory } from '../../n8n-node/src/trigger/memory';
import { webhookTrigger } from '../../n8n-node/src/trigger/webhook-trigger';
import { startAcmeApi, type AcmeApi } from '../kit/support/acme-api';
import { acmeApiHost, acmeRotatingHost } from './support/acme-host';
import { acmeNodeContext } from './support/acme-context';

const scheme = acmeRotatingHost.provider.inbound.scheme as HmacScheme;
let api: AcmeApi;
let seq = 0;

beforeEach(async () => {
  api = await startAcmeApi();
});
afterEach(async () => {
  await api.close();
});

const context = (state: Record<string, unknown>, logs: string[], extra: Record<string, unknown> = {}) => acmeNodeContext(api.url, state, logs, extra);

const trigger = webhookTrigger(acmeRotatingHost, { memory: triggerMemory(acmeRotatingHost) });
const methods = trigger.webhookMethods!.default;

/**
 * A delivery signed with `secret` in Acme-Signature and, if given, `previous` in Acme-Signature-Previous; event `n`
 * (a new one unless given: the same `n` again is a second copy of that event).
 */
async function deliver(state: Record<string, unknown>, logs: string[], secret: string, previous?: string, to = trigger, n = ++seq) {
  const body = JSON.stringify({ type: 'thing.made', at: new Date().toISOString(), payload: { id: `t_${n}`, name: 'Gear' } });
  const time = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'acme-signature': signWith(scheme, body, secret, time), 'acme-time': time, 'acme-event-id': `ev_${n}` };
  if (previous) headers['acme-signature-previous'] = signWith(scheme, body, previous, time);
  let status = 200;
  const res = { status: (s: number) => ((status = s), res), send: () => res, end: () => res, once: () => res };
  const ctx = context(state, logs, { getRequestObject: () => ({ rawBody: Buffer.from(body) }), getHeaderData: () => headers, getResponseObject: () => res });
  const result = await to.webhook.call(ctx);
  return { items: result.workflowData?.[0] ?? [], status };
}

/** Publishes, then rotates the hook's secret at Acme (grace `graceMs`): what the node holds then. */
async function publishedThenRotated(graceMs: number) {
  const state: Record<string, unknown> = {};
  if (!(await methods.checkExists.call(context(state, [])))) await methods.create.call(context(state, []));
  const rotated = api.hooks[0]!;
  const grace = new Date(Date.now() + graceMs).toISOString();
  rotated.graceUntil = grace;
  return { state, rotated, grace, oldSecret: state.webhookSecret as string, logs: [] as string[] };
}

test('a delivery that reveals a rotation runs and registers a replacement; the next delivery that starts no run removes the rotated hook', async () => {
  const { state, rotated, grace, oldSecret, logs } = await publishedThenRotated(3_600_000);
  const revealing = await deliver(state, logs, 'acme_hs_new_never_shown', oldSecret);
  expect(revealing.items).toHaveLength(1);
  const fresh = api.hooks.find((hook) => hook.id !== rotated.id)!;
  expect(api.hooks.map((hook) => hook.id)).toEqual([rotated.id, fresh.id]);
  expect(state).toMatchObject({ webhookId: fresh.id, previousSecrets: [{ secret: oldSecret, until: Date.parse(grace), webhookId: rotated.id }] });
  expect(logs.join('\n')).toContain(
    `Acme Trigger: the signing secret of webhook ${rotated.id} was rotated in Acme; registered webhook ${fresh.id} at the same URL with a new secret. The old secret is accepted only as Acme-Signature-Previous until ${grace};`,
  );
  expect(logs.join('\n')).not.toContain(oldSecret);

  // The next event runs; its second copy (both hooks deliver it) starts no run, so n8n saves what it writes: it removes
  // the rotated hook.
  const next = ++seq;
  expect((await deliver(state, logs, state.webhookSecret as string, undefined, trigger, next)).items).toHaveLength(1);
  expect(api.hooks.map((hook) => hook.id)).toEqual([rotated.id, fresh.id]);
  expect((await deliver(state, logs, state.webhookSecret as string, undefined, trigger, next)).items).toHaveLength(0);
  expect(api.hooks.map((hook) => hook.id)).toEqual([fresh.id]);
  expect(state.previousSecrets).toEqual([{ secret: oldSecret, until: Date.parse(grace) }]);
  expect(logs).toContain(`Acme Trigger: removed rotated webhook ${rotated.id}.`);

  // The rotated-away secret: refused as the current signature, accepted in the previous header within the grace.
  expect((await deliver(state, logs, oldSecret)).status).toBe(401);
  expect((await deliver(state, logs, 'acme_hs_new_never_shown', oldSecret)).items).toHaveLength(1);
  expect(api.hooks.map((hook) => hook.id)).toEqual([fresh.id]);
});

test('publishing over a rotated hook registers the replacement first, then removes the rotated one', async () => {
  const { state, rotated, grace, oldSecret, logs } = await publishedThenRotated(600_000);
  // create with the rotated hook still stored (as after a failed step that n8n retries).
  await methods.create.call(context(state, logs));
  const fresh = api.hooks.find((hook) => hook.id !== rotated.id)!;
  expect(api.hooks.map((hook) => hook.id)).toEqual([fresh.id]);
  expect(state).toMatchObject({ webhookId: fresh.id, previousSecrets: [{ secret: oldSecret, until: Date.parse(grace) }] });
  expect(logs).toEqual([`Acme Trigger: registered webhook ${fresh.id} for thing.made.`, `Acme Trigger: removed rotated webhook ${rotated.id}.`]);
});

test('a provider without rotation data gets no rotation hooks: the same delivery runs and registers nothing', async () => {
  const state: Record<string, unknown> = {};
  const plain = webhookTrigger(acmeApiHost, { memory: triggerMemory(acmeApiHost) });
  if (!(await plain.webhookMethods!.default.checkExists.call(context(state, [])))) await plain.webhookMethods!.default.create.call(context(state, []));
  const oldSecret = state.webhookSecret as string;
  expect((await deliver(state, [], 'acme_hs_other', oldSecret, plain)).items).toHaveLength(1);
  expect(api.hooks).toHaveLength(1);
  expect(state.webhookSecret).toBe(oldSecret);
});
