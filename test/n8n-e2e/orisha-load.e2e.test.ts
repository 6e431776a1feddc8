/**
 * The Orisha Commerce Trigger under load in a real n8n 2.40.7 (default settings):
 * 2,000 genuine deliveries (distinct X-Event-Ids), 400 duplicates of them (each sent as Orisha does, right after
 *   its original was answered) and 200 forged ones (wrong or missing X-Secret), from 8 concurrent senders, bounded in
 *   count and time: exactly 2,000 executions, every forged one answered 401. Fetch Full Record is off here (it would
 *   measure the sandbox's reads, not the trigger).
 * Timings are logged, never asserted.
 */
import { randomUUID } from 'node:crypto';
import type { N8nClient } from '../../scripts/n8n/api';
import { productionWebhookUrl } from '../../scripts/n8n/distribu-workflow';
import type { N8nInstance } from '../../scripts/n8n/instance';
import { pollUntil } from '../../scripts/wait';
import { orishaTriggerWorkflow, startOrishaRig, type OrishaRig } from './support/orisha-rig';

const MINUTE = 60_000;
const ADM = 'ADM01';
const TRIGGER = 'Orisha Commerce Trigger';
const GENUINE = 2_000;
const DUPLICATES = 400;
const FORGED = 200;
const SENDERS = 8;
const log = (line: string) => process.stderr.write(`[orisha-load] ${line}\n`);

describe('Orisha Commerce Trigger under load in a real n8n 2.x', () => {
  let rig: OrishaRig;
  let n8n: N8nInstance;
  let api: N8nClient;
  let credential: { id: string; name: string };

  beforeAll(async () => {
    rig = await startOrishaRig('orisha-load', log);
    ({ n8n, api, credential } = rig);
  }, 30 * MINUTE);

  afterAll(() => rig?.dispose(), 2 * MINUTE);

  test(
    `${GENUINE} genuine + ${DUPLICATES} duplicates + ${FORGED} forged → exactly ${GENUINE} executions, every forged one 401`,
    async () => {
      const webhookId = randomUUID();
      const wf = await api.createWorkflow(
        orishaTriggerWorkflow('Orisha load', webhookId, credential, {
          events: ['item.created'],
          options: { fetchFullRecord: false },
        }) as never,
      );
      await api.publish(wf.id);
      await api.waitUntilPublished(wf.id, { timeoutMs: 2 * MINUTE });
      const url = productionWebhookUrl(n8n.webhookBaseUrl, webhookId);
      try {
        const { webhookSecret } = ((await api.getWorkflow(wf.id)).staticData?.[`node:${TRIGGER}`] ?? {}) as { webhookSecret?: string };
        expect(webhookSecret).toMatch(/^ows_/);

        // The work: each genuine event, a duplicate right after every fifth, a forged one after every tenth.
        type Job = {
          kind: 'genuine' | 'forged';
          eventId: string;
          duplicate: boolean;
          secret?: string;
        };
        const jobs: Job[] = [];
        for (let i = 0; i < GENUINE; i++) {
          jobs.push({
            kind: 'genuine',
            eventId: randomUUID(),
            duplicate: i % (GENUINE / DUPLICATES) === 0,
          });
          if (i % (GENUINE / FORGED) === 0)
            jobs.push({
              kind: 'forged',
              eventId: randomUUID(),
              duplicate: false,
              ...(i % 20 === 0 ? {} : { secret: 'ows_forged' }),
            });
        }
        const statuses = {
          genuine: [] as number[],
          duplicate: [] as number[],
          forged: [] as number[],
        };
        // A send that fails without an answer (n8n closed the kept-alive connection) is sent again, as Orisha retries a
        // failed delivery: with the same X-Event-Id, at most 3 times. Counted and logged.
        let resent = 0;
        const send = async (eventId: string, secret: string | undefined): Promise<number> => {
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            'X-Event-Id': eventId,
            'X-Event-Type': 'item.created',
            'X-Administration-Code': ADM,
            'X-TriggeredBy-Id': 'client_erp',
          };
          if (secret !== undefined) headers['X-Secret'] = secret;
          for (let attempt = 1; ; attempt++) {
            try {
              const response = await fetch(url, {
                method: 'POST',
                headers,
                body: JSON.stringify({
                  ItemCode: `ITM-${eventId.slice(0, 8)}`,
                }),
                signal: AbortSignal.timeout(30_000),
              });
              await response.arrayBuffer();
              return response.status;
            } catch (error) {
              if (attempt >= 3) throw error;
              resent++;
            }
          }
        };
        const started = Date.now();
        const deadline = started + 10 * MINUTE;
        let next = 0;
        await Promise.all(
          Array.from({ length: SENDERS }, async () => {
            while (next < jobs.length && Date.now() < deadline) {
              const job = jobs[next++]!;
              if (job.kind === 'forged') {
                statuses.forged.push(await send(job.eventId, job.secret));
                continue;
              }
              statuses.genuine.push(await send(job.eventId, webhookSecret));
              if (job.duplicate) statuses.duplicate.push(await send(job.eventId, webhookSecret));
            }
          }),
        );
        const seconds = (Date.now() - started) / 1000;
        log(
          `sent ${statuses.genuine.length} genuine, ${statuses.duplicate.length} duplicates, ${statuses.forged.length} forged in ${seconds.toFixed(1)} s (${((statuses.genuine.length + statuses.duplicate.length + statuses.forged.length) / seconds).toFixed(0)}/s); ${resent} sent again after a closed connection`,
        );
        expect(next).toBe(jobs.length);
        expect(statuses.genuine.filter((s) => s === 200)).toHaveLength(GENUINE);
        expect(statuses.duplicate.filter((s) => s === 200)).toHaveLength(DUPLICATES);
        expect(statuses.forged.filter((s) => s === 401)).toHaveLength(FORGED);

        // Until n8n has saved as many executions as events and none is running (or 5 minutes): the count is the result.
        const executions = await pollUntil(
          () => api.listExecutions(wf.id),
          (all) => all.length >= GENUINE && all.every((e) => e.status !== 'running' && e.status !== 'new'),
          5 * MINUTE,
          2_000,
        );
        await new Promise((r) => setTimeout(r, 3_000)); // time for a wrong, late execution to be saved
        const settled = await api.listExecutions(wf.id);
        const byStatus = settled.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {});
        log(`${settled.length} executions saved (${executions.length} when first counted): ${JSON.stringify(byStatus)}`);
        expect(byStatus).toEqual({ success: GENUINE });
        expect(settled).toHaveLength(GENUINE);
      } finally {
        await api.unpublish(wf.id);
        await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
        await api.deleteWorkflow(wf.id);
      }
    },
    25 * MINUTE,
  );
});
