/**
 * The Orisha Commerce Trigger churned in a real n8n 2.40.7 (default settings): 50 publish/unpublish cycles and 2 n8n
 * restarts while published; the administration's webhooks are back to the baseline (one foreign webhook) after each
 * unpublish and after the last. Timings are logged, never asserted.
 */
import { randomUUID } from 'node:crypto';
import type { N8nClient } from '../../scripts/n8n/api';
import type { N8nInstance } from '../../scripts/n8n/instance';
import type { OrishaClient } from '../../shared/src/providers/orisha/client';
import { connect } from '../providers/orisha/support/connect';
import { orishaTriggerWorkflow, startOrishaRig, type OrishaRig } from './support/orisha-rig';

const MINUTE = 60_000;
const ADM = 'ADM01';
const CYCLES = 50;
const RESTART_AT = new Set([17, 34]);
const log = (line: string) => process.stderr.write(`[orisha-churn] ${line}\n`);

describe('Orisha Commerce Trigger churned in a real n8n 2.x', () => {
  let rig: OrishaRig;
  let n8n: N8nInstance;
  let api: N8nClient;
  let user: OrishaClient;
  let credential: { id: string; name: string };

  beforeAll(async () => {
    rig = await startOrishaRig('orisha-churn', log);
    ({ n8n, api, credential } = rig);
    user = connect(rig.sandbox, ADM, rig.sandbox.addClient([ADM])).client;
  }, 30 * MINUTE);

  afterAll(() => rig?.dispose(), 2 * MINUTE);

  const hookIds = async () => (await user.webhooks()).map((h) => h.id).sort();

  test(
    `${CYCLES} publish/unpublish cycles and ${RESTART_AT.size} restarts while published: the slots back to the baseline each time`,
    async () => {
      const foreign = await user.createWebhook({
        url: 'http://127.0.0.1:9/erp',
        eventTypes: ['item.created'],
        description: 'ERP export',
      });
      const baseline = await hookIds();
      expect(baseline).toEqual([foreign.id]);
      const webhookId = randomUUID();
      const wf = await api.createWorkflow(
        orishaTriggerWorkflow('Orisha churn', webhookId, credential, {
          events: ['item.created'],
        }) as never,
      );
      const restartSeconds: number[] = [];
      const started = Date.now();
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        await api.publish(wf.id);
        await api.waitUntilPublished(wf.id, { timeoutMs: 2 * MINUTE });
        expect((await hookIds()).length).toBe(2);
        if (RESTART_AT.has(cycle)) {
          restartSeconds.push((await n8n.restart()).seconds);
          await api.login(n8n.owner.email, n8n.owner.password);
          expect((await hookIds()).length).toBe(2);
        }
        await api.unpublish(wf.id);
        await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
        expect([cycle, await hookIds()]).toEqual([cycle, baseline]);
      }
      log(`${CYCLES} cycles in ${((Date.now() - started) / 1000).toFixed(0)} s; restarts ready after ${restartSeconds.join(', ')} s`);
      expect(restartSeconds).toHaveLength(RESTART_AT.size);
      expect(await hookIds()).toEqual(baseline);
    },
    25 * MINUTE,
  );
});
