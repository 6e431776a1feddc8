import { startSandbox, type Sandbox } from '../../sandbox/src';
import { startCatcher, type Catcher } from '../../scripts/catcher';
import { call, client } from '../sandbox/support/http';

// The dashboard's live stream over real HTTP: a snapshot on connect, a new one only when something
// changed (a write that changes nothing sends nothing), deliveries made after a REST answer included.

let sb: Sandbox;
let catcher: Catcher;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  [sb, catcher] = await Promise.all([startSandbox({ port: 0, seed: true }), startCatcher()]);
  api = client(sb.url, sb.apiKey);
});
afterAll(async () => {
  await Promise.allSettled([sb?.close(), catcher?.close()]);
});

interface Snapshot {
  cap: number;
  webhooks: Array<{ id: string; isActive: boolean; deliveries: Array<{ event: string; status: number | null; outcome: string }> }>;
}

/** Reads `event: snapshot` frames one at a time from the stream. */
async function openStream() {
  const controller = new AbortController();
  const res = await fetch(`${sb.url}/_sandbox/dashboard/stream`, { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    res,
    async next(): Promise<Snapshot> {
      for (;;) {
        const match = /event: snapshot\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

test('pushes a snapshot on connect and then only real changes', async () => {
  const stream = await openStream();
  try {
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await stream.next();
    expect(first).toEqual({ cap: 10, distribuCap: 10, webhooks: [] });

    // A write that changes nothing the page shows is not pushed: the next frame is the new webhook.
    expect((await call(sb.url, 'POST', '/_sandbox/idle', { body: {} })).status).toBe(200);
    const created = await api('POST', '/api/v1/webhooks', { url: `${catcher.url}/redirect`, events: ['customer.created'] });
    const second = await stream.next();
    expect(second.webhooks.map((w) => w.id)).toEqual([created.body.data.id]);
    expect(second.webhooks[0]!.deliveries).toEqual([]);

    // The REST call answers before its delivery is made; the delivery comes in its own frame.
    expect((await api('POST', '/api/v1/customers', { email: 'stream@example.com' })).status).toBe(200);
    let snapshot = await stream.next();
    while (snapshot.webhooks[0]!.deliveries.length === 0) snapshot = await stream.next();
    // Distribu counts a redirect as a failed delivery.
    expect(snapshot.webhooks[0]!.deliveries).toEqual([expect.objectContaining({ event: 'customer.created', status: 302, outcome: 'http-error' })]);
  } finally {
    stream.close();
  }
});

test('a note on a delivery reaches the page (the demo labels the deliveries it loses on purpose); bad notes are refused', async () => {
  const other = await startSandbox({ port: 0, seed: true, webhookCap: 14 });
  try {
    const otherApi = client(other.url, other.apiKey);
    // A port nothing listens on: no answer, as from a stopped n8n.
    const dead = `http://127.0.0.1:${await closedPort()}/webhook`;
    const webhook = (await otherApi('POST', '/api/v1/webhooks', { url: dead, events: ['customer.created'] })).body.data;
    await otherApi('POST', '/api/v1/customers', { email: 'lost@example.com' });
    await call(other.url, 'POST', '/_sandbox/idle', { body: {} });
    const [delivery] = (await call(other.url, 'GET', `/_sandbox/webhooks/${webhook.id}/deliveries`)).body.data;
    expect(delivery).toMatchObject({ status: null });

    const note = 'Lost on purpose: the demo stopped n8n.';
    expect((await call(other.url, 'POST', '/_sandbox/dashboard/notes', { body: { deliveryId: delivery.id, note } })).status).toBe(204);
    const snapshot = (await call<Snapshot & { distribuCap: number }>(other.url, 'GET', '/_sandbox/dashboard/webhooks')).body;
    expect(snapshot).toMatchObject({ cap: 14, distribuCap: 10 });
    expect(snapshot.webhooks[0]!.deliveries).toEqual([expect.objectContaining({ id: delivery.id, outcome: 'network-error', note })]);

    expect((await call(other.url, 'POST', '/_sandbox/dashboard/notes', { body: { deliveryId: 'nope', note } })).status).toBe(404);
    expect((await call(other.url, 'POST', '/_sandbox/dashboard/notes', { body: { deliveryId: delivery.id, note: '' } })).status).toBe(400);
    expect((await call(other.url, 'POST', '/_sandbox/dashboard/notes', { body: { deliveryId: delivery.id, note: 'x'.repeat(301) } })).status).toBe(400);
  } finally {
    await other.close();
  }
});

/** A loopback port that was free a moment ago and is closed now. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('closing the sandbox ends open streams instead of hanging on them', async () => {
  const other = await startSandbox({ port: 0, seed: false });
  const res = await fetch(`${other.url}/_sandbox/dashboard/stream`);
  const reader = res.body!.getReader();
  await reader.read();
  await other.close();
  // Ended (done) or cut (a network error): either way the stream does not stay open.
  await expect(reader.read().then((r) => r.done, () => true)).resolves.toBe(true);
});
