// dist0 as a provider: its event catalog against its docs' body, the item (dedupe key = signal.id
// whatever the delivery id does), the manual subscription, the operations catalog against the
// capability names its docs list, and its error voice. The expected values are written from dist0's
// docs, not taken from the code under test.
import { createHmac } from 'node:crypto';
import { ApiError, judge, normalizeWith, pasteInstructions } from '@distribu/shared/kit';
import {
  dist0,
  dist0ApiShape,
  dist0Events,
  dist0Operations,
  DOCUMENTED_BODY,
  redactDist0,
  signalCreated,
  signalCreatedBody,
  verifyDist0,
} from '../../../shared/src/providers/dist0';

const SECRET = 'd0s_live_0a1b2c3d';
const TS = '1783080000';
const NOW = Number(TS) * 1000;
const RAW = JSON.stringify(DOCUMENTED_BODY);

function headers(deliveryId: string, kindHeader = 'pain', body = RAW, ts = TS): Record<string, string> {
  return {
    'X-Dist0-Timestamp': ts,
    'X-Dist0-Signature': 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex'),
    'X-Dist0-Signal-Kind': kindHeader,
    'X-Dist0-Delivery-Id': deliveryId,
  };
}

describe('the event catalog', () => {
  test('one event, signal.created, with the kinds pain and competitor; the pain sample is the docs\' body', () => {
    expect(dist0Events.map((e) => e.event)).toEqual(['signal.created']);
    expect(signalCreated.variants.map((v) => v.kind)).toEqual(['pain', 'competitor']);
    expect(signalCreated.variants[0]!.sample).toEqual({
      type: 'signal.created',
      project_id: 'prj_9f2a',
      signal: { id: 'sig_7Qd1', kind: 'pain', quote: 'I keep losing track of which subreddit a lead came from.', author: 'some_redditor' },
      post: { id: 'post_3xB8', permalink: 'https://reddit.com/r/…', title: 'How do you track where leads come from?' },
    });
    for (const v of signalCreated.variants) {
      expect(v.schema.safeParse(v.sample).success).toBe(true);
      expect(signalCreatedBody.safeParse(v.sample).success).toBe(true);
    }
  });

  test('each variant schema takes only its own kind; another kind, or no signal id, fails', () => {
    const [pain, competitor] = signalCreated.variants;
    expect(pain!.schema.safeParse(competitor!.sample).success).toBe(false);
    expect(signalCreatedBody.safeParse({ ...DOCUMENTED_BODY, signal: { ...DOCUMENTED_BODY.signal, kind: 'praise' } }).success).toBe(false);
    expect(signalCreatedBody.safeParse({ ...DOCUMENTED_BODY, signal: { ...DOCUMENTED_BODY.signal, id: '' } }).success).toBe(false);
    // Fields dist0 may add later are kept, not refused.
    expect(signalCreatedBody.safeParse({ ...DOCUMENTED_BODY, score: 0.9 }).success).toBe(true);
  });
});

describe('the item', () => {
  test('the docs\' body with its four headers becomes one item; dedupe key and id are signal.id', () => {
    const h = headers('dlv_1');
    expect(verifyDist0({ body: RAW, headers: h, secrets: SECRET, now: NOW }).ok).toBe(true);
    expect(normalizeWith(dist0.inbound, RAW, h)).toEqual({
      ok: true,
      item: {
        id: 'sig_7Qd1',
        event: 'signal.created',
        timestamp: '2026-07-03T12:00:00.000Z',
        kind: 'pain',
        projectId: 'prj_9f2a',
        deliveryId: 'dlv_1',
        dedupeKey: 'sig_7Qd1',
        signal: DOCUMENTED_BODY.signal,
        post: DOCUMENTED_BODY.post,
      },
    });
  });

  test('retries keep the dedupe key whether the delivery id stays or changes', () => {
    const items = ['dlv_1', 'dlv_1', 'dlv_2', 'dlv_3'].map((d) => normalizeWith(dist0.inbound, RAW, headers(d)));
    expect(items.map((r) => (r.ok ? [r.item.id, r.item.dedupeKey, r.item.deliveryId] : r.message))).toEqual([
      ['sig_7Qd1', 'sig_7Qd1', 'dlv_1'],
      ['sig_7Qd1', 'sig_7Qd1', 'dlv_1'],
      ['sig_7Qd1', 'sig_7Qd1', 'dlv_2'],
      ['sig_7Qd1', 'sig_7Qd1', 'dlv_3'],
    ]);
  });

  test('the kind comes from the signed body, not the unsigned X-Dist0-Signal-Kind header', () => {
    const r = normalizeWith(dist0.inbound, RAW, headers('dlv_1', 'competitor'));
    expect(r.ok && r.item.kind).toBe('pain');
  });

  test('a body without a signal id is refused in plain words (it could not run exactly once)', () => {
    const body = JSON.stringify({ type: 'signal.created', project_id: 'prj_9f2a', signal: { kind: 'pain' }, post: {} });
    expect(normalizeWith(dist0.inbound, body, headers('dlv_1', 'pain', body))).toEqual({ ok: false, message: 'The send has no signal id, so it cannot be run exactly once.' });
    expect(normalizeWith(dist0.inbound, '[1]', headers('dlv_1'))).toMatchObject({ ok: false });
  });

  test('other top-level keys are kept; one named like an item key is renamed, not lost', () => {
    const body = JSON.stringify({ ...DOCUMENTED_BODY, score: 0.9, kind: 'shadow' });
    const r = normalizeWith(dist0.inbound, body, headers('dlv_1', 'pain', body));
    expect(r.ok && [r.item.score, r.item.kind, r.item.dataKind]).toEqual([0.9, 'pain', 'shadow']);
  });

  test('a forged send is ignored by judge(): no subscription id, nothing to ask', () => {
    const verdict = verifyDist0({ body: RAW, headers: { ...headers('dlv_1'), 'X-Dist0-Signature': 'v0=' + '0'.repeat(64) }, secrets: SECRET, now: NOW });
    expect(verdict).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(judge({ verdict, subscribed: false, host: { heals: true, asksOnRefusal: false }, now: NOW })).toMatchObject({ do: 'ignore' });
  });
});

describe('the subscription, the API and the voice', () => {
  test('manual: the URL goes to Settings → "Send new signals to your URL", https only', () => {
    expect(dist0.subscription).toEqual({ mode: 'manual', where: 'Settings → Send new signals to your URL (the URL must start with https://)' });
    expect(pasteInstructions(dist0.voice, dist0.subscription as { mode: 'manual'; where: string }, 'https://n8n.example/webhook/abc')).toBe(
      'Paste this URL into dist0 under Settings → Send new signals to your URL (the URL must start with https://): https://n8n.example/webhook/abc',
    );
  });

  test('the operations are the capabilities dist0\'s API docs list, each sample valid for its schema', () => {
    expect(dist0Operations.map((o) => o.capability).sort()).toEqual(
      ['project.memory', 'project.list', 'briefs.list', 'briefs.get', 'pains.list', 'pains.get', 'pains.sources', 'contentBriefs.list', 'contentBriefs.get', 'nextMoves.list', 'nextMoves.get', 'posts.get', 'runs.get'].sort(),
    );
    for (const o of dist0Operations) {
      expect([o.capability, o.output.safeParse(o.sample).success]).toEqual([o.capability, true]);
      expect(o.description).toMatch(/Changes nothing\.$/);
    }
  });

  test('403 says the key is unknown or cancelled, and never repeats what dist0 echoed', () => {
    const error = dist0ApiShape.apiError(403, { error: { code: 'forbidden', message: 'key d0k_live_secretvalue not recognized' } }, undefined);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.');
    expect(error.message).not.toMatch(/d0k_live/);
    expect((error as ApiError).apiMessage).toBe('key d0k_…[redacted] not recognized');
  });

  test('other statuses in plain words; keys and secrets redacted everywhere', () => {
    expect(dist0ApiShape.apiError(404, { error: { code: 'not_found', message: 'No pain pain_x.' } }, undefined).message).toBe('dist0 has nothing with that id in this project. dist0 said: No pain pain_x.');
    expect(dist0ApiShape.apiError(503, 'upstream', undefined).message).toBe('dist0 had a problem answering (HTTP 503); try again later.');
    expect(redactDist0('Authorization: Bearer d0k_abc and secret d0s_xyz')).toBe('Authorization: Bearer …[redacted] and secret d0s_…[redacted]');
  });
});
