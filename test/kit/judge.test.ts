// The one decision per delivery (shared/src/kit/judge.ts), as a table: each row is a case both
// connectors met before the kit (Zapier's perform and n8n's rotation handling), with the decision
// each host must carry out.
import { judge, type Decision, type Health, type HostAbilities, type JudgeInput } from '@distribu/shared/kit';
import type { Verdict } from '@distribu/shared/kit';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const LATER = NOW + 60_000;
const EARLIER = NOW - 60_000;

const ZAPIER: HostAbilities = { heals: false, asksOnRefusal: true };
const N8N: HostAbilities = { heals: true, asksOnRefusal: false };

const ok: Verdict = { ok: true, header: 'X-Sig', secret: 'current', rotationRevealed: false };
const revealed: Verdict = { ok: true, header: 'X-Sig-Old', secret: 'current', rotationRevealed: true };
const inGrace: Verdict = { ok: true, header: 'X-Sig-Old', secret: 'previous', rotationRevealed: false };
const forged: Verdict = { ok: false, reason: 'mismatch', message: 'does not match' };

const healthy: Health = { kind: 'healthy' };
const rotating: Health = { kind: 'rotating', until: LATER };
const deleted: Health = { kind: 'deleted' };
const disabled: Health = { kind: 'disabled' };
const unknown: Health = { kind: 'unknown', why: 'timed out' };

type Row = [name: string, input: Partial<JudgeInput> & { verdict: Verdict; host: HostAbilities }, expected: Decision];

const rows: Row[] = [
  // verified deliveries
  ['verified: run (Zapier)', { verdict: ok, host: ZAPIER }, { do: 'run' }],
  ['verified: run (n8n)', { verdict: ok, host: N8N }, { do: 'run' }],
  ['previous secret within grace: run', { verdict: inGrace, host: ZAPIER, rotatedUntil: LATER }, { do: 'run' }],
  ['rotation revealed, no subscription id: run', { verdict: revealed, host: ZAPIER, subscribed: false }, { do: 'run' }],
  ['rotation revealed, already known: run', { verdict: revealed, host: ZAPIER, rotatedUntil: LATER }, { do: 'run' }],
  ['rotation revealed, host heals (n8n): heal', { verdict: revealed, host: N8N }, { do: 'heal' }],
  ['rotation revealed, host cannot heal: ask, not trusting a cached "healthy"', { verdict: revealed, host: ZAPIER }, { do: 'ask', fresh: true }],
  ['rotation revealed, provider shows the grace window: run and remember its end', { verdict: revealed, host: ZAPIER, health: rotating }, { do: 'run', remember: LATER }],
  ['rotation revealed, provider shows healthy (grace over): raise rotated now', { verdict: revealed, host: ZAPIER, health: healthy }, { do: 'raise', kind: 'rotated', until: NOW, remember: NOW }],
  ['rotation revealed, webhook deleted: raise deleted', { verdict: revealed, host: ZAPIER, health: deleted }, { do: 'raise', kind: 'deleted' }],
  ['rotation revealed, webhook disabled: raise disabled', { verdict: revealed, host: ZAPIER, health: disabled }, { do: 'raise', kind: 'disabled' }],
  ['rotation revealed, provider not reachable: run (the -Old header is sent only in a grace window)', { verdict: revealed, host: ZAPIER, health: unknown }, { do: 'run' }],
  // refused deliveries
  ['refused, no subscription id: ignore', { verdict: forged, host: ZAPIER, subscribed: false }, { do: 'ignore', reason: 'does not match' }],
  ['refused, host does not ask (n8n answers 401): ignore', { verdict: forged, host: N8N }, { do: 'ignore', reason: 'does not match' }],
  ['refused, rotation known, within grace: forged, ignore', { verdict: forged, host: ZAPIER, rotatedUntil: LATER }, { do: 'ignore', reason: 'does not match' }],
  ['refused, rotation known, grace over: raise rotated and renew the memory', { verdict: forged, host: ZAPIER, rotatedUntil: EARLIER }, { do: 'raise', kind: 'rotated', until: EARLIER, remember: EARLIER }],
  ['refused, nothing known: ask (a recent answer will do)', { verdict: forged, host: ZAPIER }, { do: 'ask', fresh: false }],
  ['refused, healthy webhook: ignore (a leaked URL cannot switch the subscription off)', { verdict: forged, host: ZAPIER, health: healthy }, { do: 'ignore', reason: 'does not match' }],
  ['refused, webhook deleted: raise deleted', { verdict: forged, host: ZAPIER, health: deleted }, { do: 'raise', kind: 'deleted' }],
  ['refused, webhook disabled: raise disabled', { verdict: forged, host: ZAPIER, health: disabled }, { do: 'raise', kind: 'disabled' }],
  ['refused, webhook rotating: raise rotated until the grace end, remembered', { verdict: forged, host: ZAPIER, health: rotating }, { do: 'raise', kind: 'rotated', until: LATER, remember: LATER }],
  ['refused, provider not reachable: ignore, saying why', { verdict: forged, host: ZAPIER, health: unknown }, { do: 'ignore', reason: 'does not match', unknownHealth: 'timed out' }],
];

describe('judge', () => {
  test.each(rows)('%s', (_name, input, expected) => {
    expect(judge({ subscribed: true, now: NOW, ...input })).toEqual(expected);
  });

  test('a refused delivery never runs or heals, whatever is known', () => {
    const healths: Array<Health | undefined> = [undefined, healthy, rotating, deleted, disabled, unknown];
    for (const host of [ZAPIER, N8N, { heals: true, asksOnRefusal: true }, { heals: false, asksOnRefusal: false }])
      for (const health of healths)
        for (const rotatedUntil of [undefined, EARLIER, LATER])
          for (const subscribed of [true, false]) {
            const decision = judge({ verdict: forged, host, health, rotatedUntil, subscribed, now: NOW });
            expect(['ignore', 'ask', 'raise']).toContain(decision.do);
          }
  });
});
