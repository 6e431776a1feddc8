/**
 * The provider triggers benchmark 4 can measure, as one shape: how each is packed, what it needs next to n8n
 * (its sandbox, its credential), how its workflow (trigger -> No Operation) is published, and what a genuine
 * delivery to it looks like. Every request is a distinct event (its own id), so none is a duplicate, and is
 * signed or carries the secret as the provider would send it.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { N8nClient } from '../../scripts/n8n/api';
import { dist0TriggerWorkflow } from '../../scripts/n8n/dist0-workflow';
import { DISTRIBU_CREDENTIAL_TYPE, DISTRIBU_TRIGGER_VERSION, distribuWorkflow, productionWebhookUrl } from '../../scripts/n8n/distribu-workflow';
import type { Log } from '../../scripts/n8n/log';
import { orishaTriggerWorkflow, ORISHA_TRIGGER } from '../../scripts/n8n/orisha-workflow';
import { packN8nNode, packProviderPackage } from '../../scripts/n8n/pack-node';
import { startOrishaSandbox } from '../../sandbox/orisha/server';
import { startSandbox } from '../../sandbox/src';
import { EVENT_HEADER, SIGNATURE_HEADER, sign } from '@distribu/shared/runtime';
import { DOCUMENTED_BODY } from '@distribu/shared/providers/dist0/catalog';
import { freshBody } from './samples';

export type TriggerProvider = 'distribu' | 'dist0' | 'orisha';

export interface Request {
  body: string;
  headers: Record<string, string>;
}

export interface PublishedTrigger {
  label: string;
  workflowId: string;
  url: string;
  /** Request n of a batch; `offset` keeps ids distinct across batches. */
  request(offset: number): (n: number) => Request;
}

export interface ProviderTrigger {
  id: TriggerProvider;
  /** Builds and packs the provider's n8n package into `workDir`: the tarball's path. */
  pack(workDir: string, log: Log): Promise<string>;
  /** With n8n running: starts what the trigger talks to, publishes its workflow. `close` stops what it started. */
  publish(ctx: { api: N8nClient; webhookBaseUrl: string }): Promise<PublishedTrigger & { close(): Promise<void> }>;
}

const DISTRIBU_EVENT = 'order.created';

const distribu: ProviderTrigger = {
  id: 'distribu',
  pack: async (workDir, log) => (await packN8nNode({ destination: workDir, log })).tarball,
  async publish({ api, webhookBaseUrl }) {
    const sandbox = await startSandbox({ port: 0, seed: true });
    const credential = await api.createCredential({ name: 'Distribu sandbox', type: DISTRIBU_CREDENTIAL_TYPE, data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
    const workflow = distribuWorkflow({ name: 'Distribu Trigger (bench)', events: [DISTRIBU_EVENT], credential });
    const workflowId = await publishWorkflow(api, workflow.definition);
    const url = productionWebhookUrl(webhookBaseUrl, workflow.webhookId);
    // The signing secret as Distribu (the sandbox) holds it for the subscription n8n just created.
    const subscription = [...sandbox.core.store.webhooks.values()].find((w) => w.url === url && w.isActive);
    if (!subscription) throw new Error(`The sandbox has no active subscription for ${url}.`);
    return {
      label: `Distribu Trigger v${DISTRIBU_TRIGGER_VERSION} (signed, verified)`,
      workflowId,
      url,
      request: (offset) => (n) => {
        const body = freshBody(DISTRIBU_EVENT, offset + n);
        return { body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, subscription.secret), [EVENT_HEADER]: DISTRIBU_EVENT } };
      },
      close: () => sandbox.close(),
    };
  },
};

/** dist0 is a manual subscription: the signing secret is typed into the credential; its API is never called here. */
const DIST0_SECRET = 'd0s_bench_signing_secret_0123456789';

const dist0: ProviderTrigger = {
  id: 'dist0',
  pack: async (workDir, log) => (await packProviderPackage('dist0', { destination: workDir, log })).tarball,
  async publish({ api, webhookBaseUrl }) {
    const credential = await api.createCredential({ name: 'dist0 (bench)', type: 'dist0Api', data: { apiKey: 'd0k_not_called_here', baseUrl: 'http://127.0.0.1:9', signingSecret: DIST0_SECRET } });
    const webhookId = randomUUID();
    const workflowId = await publishWorkflow(api, dist0TriggerWorkflow({ name: 'dist0 Trigger (bench)', credential, webhookId, kinds: ['pain', 'competitor'] }));
    return {
      label: 'dist0 Trigger v2 (signed, verified)',
      workflowId,
      url: productionWebhookUrl(webhookBaseUrl, webhookId),
      // The docs' body with its own signal id (dist0's dedupe key), signed over `v0:{timestamp}:{body}`.
      request: (offset) => (n) => {
        const body = JSON.stringify({ ...DOCUMENTED_BODY, signal: { ...DOCUMENTED_BODY.signal, id: `sig_bench_${offset + n}` } });
        const ts = String(Math.floor(Date.now() / 1000));
        const signature = `v0=${createHmac('sha256', DIST0_SECRET).update(`v0:${ts}:`).update(body).digest('hex')}`;
        return {
          body,
          headers: { 'content-type': 'application/json', 'x-dist0-timestamp': ts, 'x-dist0-signature': signature, 'x-dist0-signal-kind': 'pain', 'x-dist0-delivery-id': `dlv_bench_${offset + n}` },
        };
      },
      close: async () => undefined,
    };
  },
};

const ORISHA_ADM = 'ADM01';
const ORISHA_EVENT = 'item.created';

const orisha: ProviderTrigger = {
  id: 'orisha',
  pack: async (workDir, log) => (await packProviderPackage('orisha', { destination: workDir, log })).tarball,
  async publish({ api, webhookBaseUrl }) {
    const sandbox = await startOrishaSandbox({ timeoutMs: 10_000 });
    const identity = sandbox.addClient([ORISHA_ADM]);
    const credential = await api.createCredential({
      name: 'Orisha sandbox (bench)',
      type: 'orishaCommerceApi',
      data: { clientId: identity.clientId, clientSecret: identity.clientSecret, administrationCode: ORISHA_ADM, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience },
    });
    const webhookId = randomUUID();
    // Fetch Full Record off: with it on, each delivery would also time the sandbox's read API, not the trigger.
    const definition = orishaTriggerWorkflow('Orisha Commerce Trigger (bench)', webhookId, { id: credential.id, name: credential.name }, { events: [ORISHA_EVENT], options: { fetchFullRecord: false } });
    const workflowId = await publishWorkflow(api, definition as never);
    const { webhookSecret } = ((await api.getWorkflow(workflowId)).staticData?.[`node:${ORISHA_TRIGGER}`] ?? {}) as { webhookSecret?: string };
    if (!webhookSecret) throw new Error('The Orisha Commerce Trigger stored no webhook secret on publication.');
    return {
      label: 'Orisha Commerce Trigger v2 (X-Secret checked)',
      workflowId,
      url: productionWebhookUrl(webhookBaseUrl, webhookId),
      // Orisha's five headers and a body of codes; each request its own X-Event-Id (Orisha's dedupe key).
      request: (offset) => (n) => ({
        body: JSON.stringify({ ItemCode: `ITM-${offset + n}` }),
        headers: { 'content-type': 'application/json', 'X-Event-Id': randomUUID(), 'X-Event-Type': ORISHA_EVENT, 'X-Secret': webhookSecret, 'X-Administration-Code': ORISHA_ADM, 'X-TriggeredBy-Id': 'bench' },
      }),
      close: () => sandbox.close(),
    };
  },
};

async function publishWorkflow(api: N8nClient, definition: Parameters<N8nClient['createWorkflow']>[0]): Promise<string> {
  const { id } = await api.createWorkflow(definition);
  await api.publish(id);
  await api.waitUntilPublished(id);
  return id;
}

export const PROVIDER_TRIGGERS: Record<TriggerProvider, ProviderTrigger> = { distribu, dist0, orisha };
