/**
 * What to do with one delivery, decided in one place for every host: a pure function of the
 * verification verdict, what is known about the subscription's webhook and what the host can do.
 * Hosts only carry out the decision (log and ignore, raise the error the user must act on, replace
 * the webhook, or ask the provider about the webhook and judge again).
 *
 * Policy:
 * - A verified delivery runs. If it reveals a rotation (the stored secret matched only the
 *   previous-secret header), a host that can re-register heals (and runs); a host that cannot asks
 *   the provider: within the grace window it runs and remembers the grace end; a webhook the
 *   provider shows as healthy (grace already over) raises "rotated"; deleted or disabled raise.
 * - A refused delivery never runs. Only a webhook the provider itself shows as rotated, deleted or
 *   disabled raises: a forged POST to a healthy subscription is ignored, so a leaked URL can never
 *   switch a subscription off. Once a rotation is known, a refused delivery after its grace end
 *   raises "rotated" without asking; before it, it is forged.
 */
import type { Verdict } from './inbound/verify';

/** What the provider says about the subscription's webhook. */
export type Health =
  | { kind: 'healthy' }
  | { kind: 'rotating'; until: number }
  | { kind: 'deleted' }
  | { kind: 'disabled' }
  | { kind: 'unknown'; why: string };

/** What a host can do about a webhook. */
export interface HostAbilities {
  /** Re-register by itself and keep the new secret (n8n's static data); Zapier cannot store a new secret. */
  heals: boolean;
  /** Asks the provider about the webhook when a delivery is refused (Zapier, to tell the user why nothing runs). */
  asksOnRefusal: boolean;
}

export interface JudgeInput {
  verdict: Verdict;
  /** The host registered this subscription's webhook and knows its id (false for a manual subscription). */
  subscribed: boolean;
  /** The grace end (ms) of a rotation already known for the stored secret. */
  rotatedUntil?: number;
  /** What the provider said about the webhook; absent when not asked yet. */
  health?: Health;
  host: HostAbilities;
  now: number;
}

export type RaiseKind = 'rotated' | 'deleted' | 'disabled';

export type Decision =
  /** Run it. `remember`: the grace end of a rotation to remember (and say) from now on. */
  | { do: 'run'; remember?: number }
  /** Run it, and replace the rotated webhook with a fresh one (a secret the host knows). */
  | { do: 'heal' }
  /** No run; `reason` for the log. `unknownHealth`: why the provider could not be asked. */
  | { do: 'ignore'; reason: string; unknownHealth?: string }
  /** Ask the provider about the webhook, then judge again with its health. `fresh`: a cached "healthy" is not enough. */
  | { do: 'ask'; fresh: boolean }
  /** No run; raise the error the user must act on. `until`: the rotation's grace end; `remember`: as for run. */
  | { do: 'raise'; kind: RaiseKind; until?: number; remember?: number };

function raiseFor(health: Health): Decision | undefined {
  if (health.kind === 'deleted') return { do: 'raise', kind: 'deleted' };
  if (health.kind === 'disabled') return { do: 'raise', kind: 'disabled' };
  if (health.kind === 'rotating') return { do: 'raise', kind: 'rotated', until: health.until, remember: health.until };
  return undefined;
}

export function judge(input: JudgeInput): Decision {
  const { verdict, subscribed, rotatedUntil, health, host, now } = input;

  if (verdict.ok) {
    if (!verdict.rotationRevealed || !subscribed || rotatedUntil !== undefined) return { do: 'run' };
    if (host.heals) return { do: 'heal' };
    if (!health) return { do: 'ask', fresh: true };
    if (health.kind === 'rotating') return { do: 'run', remember: health.until };
    // Rotated, and the grace window is already over: nothing signed with the stored secret counts now.
    if (health.kind === 'healthy') return { do: 'raise', kind: 'rotated', until: now, remember: now };
    // The provider could not be asked: the previous-header signature is valid, as it is sent only during a grace window.
    return raiseFor(health) ?? { do: 'run' };
  }

  const ignore: Decision = { do: 'ignore', reason: verdict.message };
  if (!subscribed) return ignore;
  if (rotatedUntil !== undefined) {
    // Renewing the memory while deliveries keep coming; within the grace window the stored secret signs the
    // previous header, so a refused delivery is forged.
    return now >= rotatedUntil ? { do: 'raise', kind: 'rotated', until: rotatedUntil, remember: rotatedUntil } : ignore;
  }
  if (!host.asksOnRefusal) return ignore;
  if (!health) return { do: 'ask', fresh: false };
  const raise = raiseFor(health);
  if (raise) return raise;
  if (health.kind === 'unknown') return { ...ignore, unknownHealth: health.why };
  return ignore;
}

/**
 * The secrets to verify with, given the stored one and a known rotation: once the stored secret is
 * known to be rotated away, it counts only as a previous secret, until the grace end.
 */
export function secretsFor(stored: string | undefined, rotatedUntil: number | undefined): { secrets: string[]; previous: Array<{ secret: string; until: number }> } {
  if (rotatedUntil === undefined) return { secrets: stored ? [stored] : [], previous: [] };
  return { secrets: [], previous: stored ? [{ secret: stored, until: rotatedUntil }] : [] };
}
