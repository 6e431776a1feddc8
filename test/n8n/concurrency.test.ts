// Concurrent publishes of one trigger URL against the real sandbox: however they interleave, one
// webhook is left, a registration that stepped back says so in plain words, and the delete() n8n
// runs after that failed create does not remove the webhook that was kept.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { httpTo, makeContext } from './support/context';

jest.setTimeout(60_000);

const hooks = new DistribuTrigger().webhookMethods.default;
const ROUNDS = 5;
const PARALLEL = 4;

let sandbox: Sandbox;
let api: ReturnType<typeof httpTo>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: false });
  api = httpTo(sandbox.apiKey);
});

afterAll(async () => {
  await sandbox?.close();
});

async function webhooksAt(url: string): Promise<Array<{ id: string }>> {
  const response = await api.handle('distribuApi', { method: 'GET', url: `${sandbox.url}/api/v1/webhooks` });
  return (response.body as unknown as { data: Array<{ id: string; url: string }> }).data.filter((h) => h.url === url);
}

it(`${ROUNDS} rounds of ${PARALLEL} concurrent publishes of one URL each end with exactly one webhook`, async () => {
  let steppedBack = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const url = `http://127.0.0.1:9/webhook/0000000${round}-aaaa-4bbb-8ccc-dddddddddddd/webhook`;
    const states: IDataObject[] = Array.from({ length: PARALLEL }, () => ({}));
    const outcomes = await Promise.all(
      states.map(async (staticData) => {
        const { ctx } = makeContext({ api, url, staticData, baseUrl: sandbox.url });
        try {
          if (!(await hooks.checkExists.call(ctx))) await hooks.create.call(ctx);
          return undefined;
        } catch (error) {
          // n8n's follow-up to a failed create: delete() with the same static data.
          await hooks.delete.call(ctx);
          return error as Error;
        }
      }),
    );
    const left = await webhooksAt(url);
    expect(left).toHaveLength(1);
    // The kept webhook is one a publish stored (its secret is known).
    expect(states.map((s) => s.webhookId)).toContain(left[0]!.id);
    for (const error of outcomes.filter((e): e is Error => e !== undefined)) {
      expect(error).toBeInstanceOf(NodeOperationError);
      expect(error.message).toMatch(/registered with Distribu (twice|again) at the same time/);
    }
    expect(outcomes.filter((e) => e === undefined).length).toBeGreaterThanOrEqual(1);
    steppedBack += outcomes.filter(Boolean).length;
  }
});
