/**
 * Benchmark 2: the sandbox as a load source. Events fired through the sandbox (in process, and once
 * through its HTTP controls) to a local fastify catcher that verifies every signature, with 1 and with
 * 10 subscribed webhooks; baseline: bare fetch POSTs of the same body from the same process to the
 * same catcher (the transport's ceiling). Every row is bounded by an event count and a hard time stop.
 */
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { startSandbox, type Sandbox } from '../sandbox/src';
import { sign, verify } from '@distribu/shared/runtime';
import { summarize } from './support/stats';
import { type Cell, ms, printTable, rate, ratio } from './support/table';

const EVENT = 'customer.created'; // repeatable without running out of fixtures (each fire signs up a new customer)
const MAX_EVENTS = 300;
const HARD_STOP_MS = 15_000;

interface Catcher {
  url: string;
  app: FastifyInstance;
  secrets: Map<string, string>; // hook path -> secret
  received: number;
  forged: number;
}

async function startCatcher(): Promise<Catcher> {
  const app = Fastify({ logger: false });
  const catcher: Catcher = { url: '', app, secrets: new Map(), received: 0, forged: 0 };
  // Raw bytes: the signature covers exactly what was sent.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post<{ Params: { hook: string } }>('/hook/:hook', async (request, reply) => {
    catcher.received++;
    const secret = catcher.secrets.get(request.params.hook);
    if (secret !== undefined && !verify({ body: request.body as Buffer, headers: request.headers, secrets: [secret] }).ok) catcher.forged++;
    return reply.code(200).send('ok');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  catcher.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return catcher;
}

async function api<T>(sb: Sandbox, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sb.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${sb.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Replaces every subscription with `count` webhooks on the catcher, all subscribed to EVENT. */
async function subscribe(sb: Sandbox, catcher: Catcher, count: number): Promise<void> {
  const { data: existing } = await api<{ data: Array<{ id: string }> }>(sb, 'GET', '/webhooks');
  for (const hook of existing) await api(sb, 'DELETE', `/webhooks/${hook.id}`);
  catcher.secrets.clear();
  for (let i = 0; i < count; i++) {
    const { data } = await api<{ data: { secret: string } }>(sb, 'POST', '/webhooks', { url: `${catcher.url}/hook/${i}`, events: [EVENT] });
    catcher.secrets.set(String(i), data.secret);
  }
}

interface Row {
  source: string;
  webhooks: number;
  concurrency: number;
  events: number;
  deliveries: number;
  okDeliveries: number;
  received: number;
  forged: number;
  wallMs: number;
  /** fire() called -> every delivery of that event settled, ms. */
  eventLatencies: number[];
  /** The sandbox's own per-delivery durationMs (whole ms). */
  deliveryLatencies: number[];
}

type Fire = () => Promise<Array<{ event: string; deliveries: Array<{ ok: boolean; durationMs: number }> }>>;

async function measure(source: string, webhooks: number, concurrency: number, catcher: Catcher, fire: Fire): Promise<Row> {
  const row: Row = { source, webhooks, concurrency, events: 0, deliveries: 0, okDeliveries: 0, received: 0, forged: 0, wallMs: 0, eventLatencies: [], deliveryLatencies: [] };
  const before = { received: catcher.received, forged: catcher.forged };
  const deadline = performance.now() + HARD_STOP_MS;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < MAX_EVENTS && performance.now() < deadline) {
        next++;
        const t0 = performance.now();
        const fired = await fire();
        row.eventLatencies.push(performance.now() - t0);
        row.events++;
        for (const delivery of fired.filter((f) => f.event === EVENT).flatMap((f) => f.deliveries)) {
          row.deliveries++;
          if (delivery.ok) row.okDeliveries++;
          row.deliveryLatencies.push(delivery.durationMs);
        }
      }
    }),
  );
  row.wallMs = performance.now() - started;
  row.received = catcher.received - before.received;
  row.forged = catcher.forged - before.forged;
  return row;
}

/** The transport's ceiling: the same kind of signed POST, straight from this process to the catcher. */
async function bareFetch(catcher: Catcher, concurrency: number, body: string): Promise<Row> {
  const secret = 'whsec_bench_baseline';
  catcher.secrets.set('baseline', secret);
  const headers = { 'content-type': 'application/json', 'x-webhook-signature': sign(body, secret), 'x-webhook-event': EVENT };
  return measure('bare fetch to catcher (baseline)', 1, concurrency, catcher, async () => {
    const t0 = performance.now();
    const response = await fetch(`${catcher.url}/hook/baseline`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return [{ event: EVENT, deliveries: [{ ok: response.ok, durationMs: Math.round(performance.now() - t0) }] }];
  });
}

export async function runSandboxDelivery(): Promise<void> {
  const catcher = await startCatcher();
  const sb = await startSandbox({ port: 0, seed: true });
  const rows: Row[] = [];
  try {
    const viaApi: Fire = () => sb.fire(EVENT);
    const viaHttp: Fire = async () => {
      const response = await fetch(`${sb.url}/_sandbox/events/${EVENT}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!response.ok) throw new Error(`POST /_sandbox/events/${EVENT} answered ${response.status}`);
      return ((await response.json()) as { fired: Awaited<ReturnType<Fire>> }).fired;
    };
    await subscribe(sb, catcher, 1);
    const [sample] = await sb.fire(EVENT); // warm-up and a real body for the baseline
    const body = JSON.stringify(sample!.envelope);
    for (let i = 0; i < 20; i++) await sb.fire(EVENT);

    for (const concurrency of [1, 8]) {
      rows.push(await bareFetch(catcher, concurrency, body));
      for (const webhooks of [1, 10]) {
        await subscribe(sb, catcher, webhooks);
        rows.push(await measure('sandbox fire() in process', webhooks, concurrency, catcher, viaApi));
        await sb.idle();
      }
      rows.push(await measure('POST /_sandbox/events (HTTP)', 10, concurrency, catcher, viaHttp));
      await sb.idle();
    }
  } finally {
    await sb.close();
    await catcher.app.close();
  }

  const table: Cell[][] = rows.map((r) => {
    const baseline = rows.find((b) => b.source.startsWith('bare') && b.concurrency === r.concurrency)!;
    const perSecond = (r.okDeliveries / r.wallMs) * 1000;
    const basePerSecond = (baseline.okDeliveries / baseline.wallMs) * 1000;
    const ev = summarize(r.eventLatencies);
    const dl = summarize(r.deliveryLatencies);
    const checked = r.okDeliveries === r.deliveries && r.received === r.deliveries && r.forged === 0 ? 'all ok' : `MISMATCH ${r.okDeliveries}/${r.deliveries} ok, ${r.received} caught, ${r.forged} forged`;
    return [
      r.source,
      r.webhooks,
      r.concurrency,
      r.events,
      rate((r.events / r.wallMs) * 1000),
      rate(perSecond),
      ratio(perSecond, basePerSecond),
      ms(ev.p50),
      ms(ev.p95),
      `${dl.p50.toFixed(0)} / ${dl.p95.toFixed(0)} ms`,
      checked,
    ];
  });
  printTable(
    `2. Sandbox as a load source: ${EVENT} -> fastify catcher (verifies every signature), loopback`,
    ['source', 'hooks', 'conc.', 'events', 'events/s', 'deliveries/s', 'x bare fetch', 'fire p50', 'fire p95', 'delivery p50 / p95', 'check'],
    table,
    [
      `At most ${MAX_EVENTS} events per row and a ${HARD_STOP_MS / 1000} s hard stop; 'fire' = fire() called -> every delivery settled; 'delivery' = the sandbox's own durationMs (whole ms).`,
      'Sandbox, catcher and senders share one Node process (one core); the baseline sends the same signed body without the sandbox.',
    ],
  );
  if (table.some((r) => String(r[10]).startsWith('MISMATCH'))) process.exitCode = 1;
}
