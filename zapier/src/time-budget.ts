// The time one Zapier step gives the app, stated once. Zapier ends every step (turning a Zap on or
// off, an action, a search, a dropdown page, the connection test, a delivery) after 30 seconds and
// then shows its own generic timeout. The app ends first, with its own plain message: every call to
// the provider waits at most `requestMs`, and all of a step's calls end by `stepMs`.
import type { Bundle } from 'zapier-platform-core';
import type { HostProvider } from '@distribu/shared/kit';

/** Zapier's limit for one step (its operating constraints: a step's code must finish within 30 s). */
export const ZAPIER_STEP_LIMIT_MS = 30_000;

export interface TimeBudget {
  /** Every call of one step ends by this long after the step started: 5 s are left to Zapier. */
  stepMs: number;
  /** One call waits at most this long (Distribu, for one, gives a webhook receiver 10 s). */
  requestMs: number;
  /**
   * Kept free after a create (a POST) is sent: when its answer is lost, what follows it (turning a
   * Zap on removes the webhook it may have made: a list and a delete) still has this long.
   */
  afterCreateMs: number;
}

/** The budget. Tests shorten it to keep runs short (the same code path); nothing else changes it. */
export const timeBudget: TimeBudget = { stepMs: 25_000, requestMs: 10_000, afterCreateMs: 8_000 };

/** Below this, a call is not worth sending: the step has run out of time. */
const LEAST_CALL_MS = 250;

// When each step started, by its bundle (Zapier builds a fresh bundle for every step it runs).
const started = new WeakMap<object, number>();

/** Marks the start of a step (every entry point calls it first); a later call keeps the first start. */
export function startStep<B extends object | undefined>(bundle: B): B {
  if (bundle && !started.has(bundle)) started.set(bundle, Date.now());
  return bundle;
}

/** How long the step has left, in ms (a bundle without a start starts now). */
export function stepRemaining(bundle: Pick<Bundle, 'authData'> | undefined): number {
  if (!bundle) return timeBudget.stepMs;
  startStep(bundle);
  return timeBudget.stepMs - (Date.now() - started.get(bundle)!);
}

/**
 * How long the next call may wait: the request timeout, cut to what the step has left (and, for a
 * create, to what is left after the reserve for its follow-up). 0: no time is left to send it.
 */
export function callTimeout(bundle: Pick<Bundle, 'authData'> | undefined, isCreate: boolean): number {
  const left = stepRemaining(bundle);
  const ms = Math.min(timeBudget.requestMs, isCreate ? left - timeBudget.afterCreateMs : left);
  return ms >= LEAST_CALL_MS ? Math.floor(ms) : 0;
}

/** A step whose time is used up sends nothing more, and says so. */
export function outOfTime(host: HostProvider): string {
  return `This Zapier step ran out of time (the app ends its work within ${timeBudget.stepMs / 1000} seconds, before Zapier's limit) before the next call to ${host.names.displayName} could be sent. Try again in a few minutes.`;
}
