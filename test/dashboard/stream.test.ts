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
    expect(first).toEqual({ cap: 10, webhooks: [] });

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

test('closing the sandbox ends open streams instead of hanging on them', async () => {
  const other = await startSandbox({ port: 0, seed: false });
  const res = await fetch(`${other.url}/_sandbox/dashboard/stream`);
  const reader = res.body!.getReader();
  await reader.read();
  await other.close();
  // Ended (done) or cut (a network error): either way the stream does not stay open.
  await expect(reader.read().then((r) => r.done, () => true)).resolves.toBe(true);
});
