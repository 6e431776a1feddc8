import type { Webhook } from '../state/store';

/**
 * Ends a lapsed rotation grace window: once it has passed, the previous secret is dropped (it no
 * longer signs `X-Webhook-Signature-Old`). Returns the window's end, or null when none is open.
 * Called wherever a webhook is read (lookups, lists, deliveries), so the lapse needs no timer.
 */
export function endLapsedGrace(w: Webhook): string | null {
  if (w.secretRotationGraceExpiresAt && Date.parse(w.secretRotationGraceExpiresAt) <= Date.now()) {
    w.secretRotationGraceExpiresAt = null;
    w.previousSecret = null;
  }
  return w.secretRotationGraceExpiresAt;
}
