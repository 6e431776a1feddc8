// The kit driven end to end by a provider that is not Distribu ("Acme", test/kit/support/acme.ts):
// verify → judge → normalize → replay guard for its signed and its shared-secret deliveries, the
// subscription algorithm over its hooks API on loopback, its manual subscription, and its voice.
// Nothing here reaches Distribu's catalog, scheme or words.
import { createHmac } from 'node:crypto';
import {
  boundedLine,
  capMessage,
  createVerifier,
  judge,
  normalizeWith,
  orderingKeyOf,
  OrderGuard,
  pasteInstructions,
  redactor,
  registerHook,
  removeHooksAt,
  RegistrationOutcomeUnknownError,
  ReplayGuard,
  SupersededError,
  type HostAbilities,
  type RegistrationVoice,
} from '@distribu/shared/kit';
import { acme, AcmeClient, acmeLite, acmeSubscriptionApi, acmeTokenInbound, acmeVoice, ACME_CAP, ACME_EVENTS, AcmeRefusal } from './support/acme';
import { startAcmeApi, type AcmeApi } from './support/acme-api';

const NOW_S = 1_800_000_000;
const NOW = NOW_S * 1000;
const SECRET = 'acme_hs_0123456789abcdef';
const N8N_LIKE: HostAbilities = { heals: true, asksOnRefusal: false };
const ZAPIER_LIKE: HostAbilities = { heals: false, asksOnRefusal: true };

/** Acme's signer, written from its scheme's description with node:crypto, not with the kit. */
function acmeSign(body: string, ts: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`, 'utf8').digest('base64')}`;
}

function signedDelivery(payload: Record<string, unknown>, options: { type?: string; eventId?: string; secret?: string; previousSecret?: string } = {}) {
  const body = JSON.stringify({ type: options.type ?? 'thing.made', at: new Date(NOW).toISOString(), payload });
  const ts = String(NOW_S);
  const headers: Record<string, string> = {
    'acme-signature': acmeSign(body, ts, options.secret ?? SECRET),
    'acme-time': ts,
    'acme-event-id': options.eventId ?? 'ev_1',
  };
  if (options.previousSecret) headers['acme-signature-previous'] = acmeSign(body, ts, options.previousSecret);
  return { body, headers };
}

describe('Acme signed deliveries: verify, judge, normalize, guards', () => {
  const verify = createVerifier(acme.inbound.scheme);

  test('a genuine delivery runs and becomes an item with the id from Acme-Event-Id and the variant from the data', () => {
    const { body, headers } = signedDelivery({ id: 't1', name: 'Widget', parts: [1, 2, 3] });
    const verdict = verify({ body, headers, secrets: SECRET, now: NOW });
    expect(judge({ verdict, subscribed: true, host: N8N_LIKE, now: NOW })).toEqual({ do: 'run' });
    const normalized = normalizeWith(acme.inbound, body, headers);
    expect(normalized).toEqual({
      ok: true,
      item: { id: 'ev_1', event: 'thing.made', timestamp: new Date(NOW).toISOString(), thingId: 't1', name: 'Widget', parts: [1, 2, 3], shape: 'full', partCount: 3 },
    });
  });

  test('a thin payload gets the other variant; an unknown event keeps its id under resourceId', () => {
    const thin = signedDelivery({ id: 't2' });
    expect(normalizeWith(acme.inbound, thin.body, thin.headers)).toMatchObject({ ok: true, item: { thingId: 't2', shape: 'thin' } });
    const other = signedDelivery({ id: 'x9' }, { type: 'thing.renamed' });
    expect(normalizeWith(acme.inbound, other.body, other.headers)).toMatchObject({ ok: true, item: { event: 'thing.renamed', resourceId: 'x9' } });
  });

  test('a delivery with no event id header, or no type, is refused by normalization with a reason', () => {
    const { body, headers } = signedDelivery({ id: 't1' });
    const { 'acme-event-id': _dropped, ...noId } = headers;
    expect(normalizeWith(acme.inbound, body, noId)).toEqual({ ok: false, message: 'The delivery has no event id.' });
    expect(normalizeWith(acme.inbound, '{"at":"x"}', headers)).toEqual({ ok: false, message: 'The delivery names no Acme event type.' });
  });

  test('forged, stale and unsigned deliveries never run; the reasons name Acme headers', () => {
    const forged = signedDelivery({ id: 't1' }, { secret: 'acme_hs_guess' });
    const verdict = verify({ body: forged.body, headers: forged.headers, secrets: SECRET, now: NOW });
    expect(verdict).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(judge({ verdict, subscribed: true, host: N8N_LIKE, now: NOW })).toMatchObject({ do: 'ignore' });
    const fine = signedDelivery({ id: 't1' });
    expect(verify({ body: fine.body, headers: fine.headers, secrets: SECRET, now: NOW + 301_000 })).toMatchObject({ ok: false, reason: 'stale' });
    const unsigned = verify({ body: fine.body, headers: { 'acme-time': String(NOW_S) }, secrets: SECRET, now: NOW });
    expect(unsigned).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(unsigned.ok ? '' : unsigned.message).toContain('Acme-Signature');
  });

  test('a rotation revealed through Acme-Signature-Previous heals on a host that can, and asks on one that cannot', () => {
    const { body, headers } = signedDelivery({ id: 't1' }, { secret: 'acme_hs_new', previousSecret: SECRET });
    const verdict = verify({ body, headers, secrets: SECRET, now: NOW });
    expect(verdict).toEqual({ ok: true, header: 'Acme-Signature-Previous', secret: 'current', rotationRevealed: true });
    expect(judge({ verdict, subscribed: true, host: N8N_LIKE, now: NOW })).toEqual({ do: 'heal' });
    expect(judge({ verdict, subscribed: true, host: ZAPIER_LIKE, now: NOW })).toEqual({ do: 'ask', fresh: true });
  });

  test('duplicates (the same Acme-Event-Id, even with other bytes) run once; an older delivery for the same thing is stale', () => {
    const replays = new ReplayGuard({ max: 100 });
    const order = new OrderGuard({ max: 100 });
    const first = signedDelivery({ id: 't1', name: 'A' }, { eventId: 'ev_7' });
    const again = signedDelivery({ id: 't1', name: 'A', retried: true }, { eventId: 'ev_7' });
    const ids = [first, again].map((d) => {
      const n = normalizeWith(acme.inbound, d.body, d.headers);
      if (!n.ok) throw new Error(n.message);
      return n.item;
    });
    expect(ids.map((item) => replays.firstSeen(item.id, NOW))).toEqual([true, false]);
    const key = orderingKeyOf(ids[0]!, ACME_EVENTS[ids[0]!.event]);
    expect(key).toBe('thing:t1');
    expect(order.check(key!, '2026-01-02T00:00:00Z')).toBe('in-order');
    expect(order.check(key!, '2026-01-01T00:00:00Z')).toBe('stale');
  });
});

describe('Acme Lite: shared secret and a manual subscription', () => {
  const verify = createVerifier(acmeLite.inbound.scheme);
  const body = JSON.stringify({ type: 'thing.gone', at: '2026-01-01T00:00:00Z', payload: { id: 't5' } });

  test('the right token runs; the id comes from the body path payload.id', () => {
    const verdict = verify({ body, headers: { 'Acme-Token': SECRET }, secrets: SECRET });
    expect(judge({ verdict, subscribed: false, host: N8N_LIKE, now: NOW })).toEqual({ do: 'run' });
    expect(normalizeWith(acmeTokenInbound, body, {})).toMatchObject({ ok: true, item: { id: 't5', event: 'thing.gone', thingId: 't5' } });
  });

  test('a wrong, missing or empty token never runs, and no stored token refuses everything', () => {
    for (const headers of [{ 'Acme-Token': 'acme_hs_wrong' }, {}, { 'Acme-Token': '' }]) {
      const verdict = verify({ body, headers, secrets: SECRET });
      expect(verdict.ok).toBe(false);
      expect(judge({ verdict, subscribed: false, host: ZAPIER_LIKE, now: NOW }).do).toBe('ignore');
    }
    expect(verify({ body, headers: { 'Acme-Token': '' }, secrets: '' })).toMatchObject({ ok: false, reason: 'missing-secret' });
  });

  test('the manual subscription says exactly where the URL goes', () => {
    if (acmeLite.subscription.mode !== 'manual') throw new Error('Acme Lite has a manual subscription');
    expect(pasteInstructions(acmeLite.voice, acmeLite.subscription, 'https://n8n.example/webhook/abc')).toBe(
      'Paste this URL into Acme under Admin → Outgoing hooks → Send to URL: https://n8n.example/webhook/abc',
    );
  });
});

describe('Acme hooks API: the subscription algorithm over real HTTP', () => {
  let api: AcmeApi;
  const URL_A = 'https://hooks.example/acme/1';
  const words: RegistrationVoice = { voice: acmeVoice, bounded: (text, max = 300) => boundedLine(text, max, redactor(acmeVoice)) };
  const subscriptionOf = () => {
    if (acme.subscription.mode !== 'api') throw new Error('Acme has a hooks API');
    return acme.subscription.over(new AcmeClient(api.url));
  };

  beforeEach(async () => {
    api = await startAcmeApi();
  });
  afterEach(() => api.close());

  test('registers once, removing leftovers at the same URL and nothing else', async () => {
    const hooks = subscriptionOf();
    await hooks.create({ url: URL_A, events: ['thing.made'] }); // a leftover whose secret is lost
    const lines: string[] = [];
    const created = await registerHook(hooks, words, { url: URL_A, events: ['thing.made'] }, { log: (l) => lines.push(l) });
    expect(created.secret).toMatch(/^acme_hs_/);
    expect(api.hooks.map((h) => h.id)).toEqual([created.id]);
    expect(lines).toEqual(['Removed 1 earlier Acme webhook(s) at this URL: hk_1.']);
  });

  test('at the cap, the refusal is rethrown as is (nothing to clean up) and the voice states the cap', async () => {
    const hooks = subscriptionOf();
    for (let i = 0; i < ACME_CAP; i += 1) await hooks.create({ url: `https://elsewhere.example/${i}`, events: ['thing.made'] });
    const error = await registerHook(hooks, words, { url: URL_A, events: ['thing.made'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AcmeRefusal);
    expect(api.hooks).toHaveLength(ACME_CAP);
    expect((error as Error).message).toBe('Acme allows 2 hooks per workspace and all are taken. Remove one under Admin → Outgoing hooks.');
    expect(capMessage(acmeVoice, hooks.cap)).toBe((error as Error).message);
  });

  test('a create whose answer is lost leaves no orphan, and says so in Acme words', async () => {
    api.loseNextCreateAnswer();
    const error = await registerHook(subscriptionOf(), words, { url: URL_A, events: ['thing.made'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistrationOutcomeUnknownError);
    expect((error as RegistrationOutcomeUnknownError).removed).toEqual(['hk_1']);
    expect((error as Error).message).toBe(
      'Acme did not confirm the webhook registration (Could not reach Acme, or its answer could not be read). The webhook it created anyway was removed, so nothing is left behind. Try again.',
    );
    expect(api.hooks).toEqual([]);
  });

  test('concurrent registrations of one URL end with exactly one hook, the newest', async () => {
    const results = await Promise.allSettled([1, 2].map(() => registerHook(acmeSubscriptionApi(new AcmeClient(api.url)), words, { url: URL_A, events: ['thing.made'] })));
    expect(api.hooks).toHaveLength(1);
    const kept = results.filter((r) => r.status === 'fulfilled');
    expect(kept.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SupersededError);
    expect(kept.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id)).toContain(api.hooks[0]!.id);
  });

  test('removeHooksAt removes ours and treats an already-gone hook as not ours to report', async () => {
    const hooks = subscriptionOf();
    const ours = await hooks.create({ url: URL_A, events: ['thing.gone'] });
    await hooks.create({ url: `${URL_A}/other`, events: ['thing.gone'] });
    expect(await removeHooksAt(hooks, URL_A)).toEqual([ours.id]);
    expect(await hooks.remove(ours.id)).toBe(false);
    expect(api.hooks.map((h) => h.url)).toEqual([`${URL_A}/other`]);
  });
});

describe("Acme's voice", () => {
  test('redacts Acme keys and secrets and any Bearer token, and bounds the line', () => {
    const redact = redactor(acmeVoice);
    expect(redact('key acme_sk_ABC123 and acme_hs_def456, Bearer abc.def')).toBe('key acme_sk_…[redacted] and acme_hs_…[redacted], Bearer …[redacted]');
    expect(boundedLine(`${'word '.repeat(100)}acme_sk_SECRET`, 40, redact)).toHaveLength(40);
  });
});
