// Retry-aware dedupe with the kit alone, for a provider that retries a send and may or may not keep
// its per-send id: the event id comes from a durable body path, the ReplayGuard claims it before a
// run and releases it when the run did not start. "Beta" exists only here (no real provider's name).
import { createHmac } from 'node:crypto';
import { createVerifier, normalizeWith, ReplayGuard, type Inbound } from '@distribu/shared/kit';

const beta: Inbound = {
  scheme: { kind: 'hmac', algorithm: 'sha256', header: 'beta-sig', encoding: 'hex', signed: '{body}' },
  id: { bodyPath: 'thing.id' },
  toEnvelope: (body, header) => ({ event: String(body.type), timestamp: '', data: { sendId: header('beta-send-id') ?? '', thing: body.thing } }),
  specOf: () => ({ idKey: null, discriminator: null, derive: null }),
};
const SECRET = 'beta-secret';
const verify = createVerifier(beta.scheme);

function send(thingId: string, sendId: string) {
  const body = JSON.stringify({ type: 'thing.made', thing: { id: thingId } });
  return { body, headers: { 'beta-sig': createHmac('sha256', SECRET).update(body).digest('hex'), 'beta-send-id': sendId } };
}

/** A receiver as a host would be one: verify, normalize, claim, emit (which may fail), release on failure. */
function receiver(emit: (item: Record<string, unknown>) => void) {
  const guard = new ReplayGuard();
  return (delivery: { body: string; headers: Record<string, string> }): 'ran' | 'duplicate' | 'failed' => {
    expect(verify({ body: delivery.body, headers: delivery.headers, secrets: SECRET }).ok).toBe(true);
    const result = normalizeWith(beta, delivery.body, delivery.headers);
    if (!result.ok) throw new Error(result.message);
    if (!guard.firstSeen(result.item.id)) return 'duplicate';
    try {
      emit(result.item);
      return 'ran';
    } catch {
      guard.release(result.item.id);
      return 'failed';
    }
  };
}

test('retries with the same send id and with a new send id each run once: the id is the body path', () => {
  const ran: unknown[] = [];
  const receive = receiver((item) => ran.push(item));
  expect(['s1', 's1', 's1'].map((sendId) => receive(send('t1', sendId)))).toEqual(['ran', 'duplicate', 'duplicate']);
  expect(['s2', 's3', 's4'].map((sendId) => receive(send('t2', sendId)))).toEqual(['ran', 'duplicate', 'duplicate']);
  expect(ran).toEqual([
    { id: 't1', event: 'thing.made', timestamp: '', sendId: 's1', thing: { id: 't1' } },
    { id: 't2', event: 'thing.made', timestamp: '', sendId: 's2', thing: { id: 't2' } },
  ]);
});

test('a send whose run failed to start is released: the next retry runs it, once', () => {
  let failNext = true;
  const ran: string[] = [];
  const receive = receiver((item) => {
    if (failNext) {
      failNext = false;
      throw new Error('the host could not emit');
    }
    ran.push(String(item.sendId));
  });
  expect(['s1', 's2', 's3'].map((sendId) => receive(send('t1', sendId)))).toEqual(['failed', 'ran', 'duplicate']);
  expect(ran).toEqual(['s2']);
});

test('release of an id never seen, or released twice, changes nothing else', () => {
  const guard = new ReplayGuard();
  expect(guard.firstSeen('a')).toBe(true);
  guard.release('b');
  guard.release('a');
  guard.release('a');
  expect(guard.size).toBe(0);
  expect(guard.firstSeen('a')).toBe(true);
  expect(guard.firstSeen('a')).toBe(false);
});
