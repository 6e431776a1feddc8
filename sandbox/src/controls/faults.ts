import { invalid } from '../errors';
import { FAULT_KINDS, FAULT_LIMITS, HOLDING_KINDS, JSON_ERROR_KINDS, type FaultKind, type FaultRule } from '../faults';
import { wholeNumber } from '../limits';

const MESSAGE_MAX = 500;

/** A `POST /_sandbox/faults` body as a rule, or a 400 naming the field and what it accepts. */
export function parseFaultRule(b: Record<string, unknown>): Omit<FaultRule, 'id'> {
  const status = b.status as FaultKind;
  if (!FAULT_KINDS.includes(status)) throw invalid('status', `must be one of ${FAULT_KINDS.join(', ')}.`);
  const rule: Omit<FaultRule, 'id'> = { status, remaining: wholeNumber('count', b.count ?? 1, FAULT_LIMITS.count, 'calls') };
  for (const key of ['path', 'method'] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'string') throw invalid(key, 'must be a string.');
    rule[key] = b[key];
  }
  if (b.retryAfter !== undefined) {
    if (status !== 429) throw invalid('retryAfter', 'applies only to 429 faults.');
    rule.retryAfter = wholeNumber('retryAfter', b.retryAfter, FAULT_LIMITS.retryAfter, 'seconds');
  }
  if (b.delayMs !== undefined) {
    if (!HOLDING_KINDS.includes(status)) throw invalid('delayMs', `applies only to ${HOLDING_KINDS.join(' and ')} faults.`);
    rule.delayMs = wholeNumber('delayMs', b.delayMs, FAULT_LIMITS.delayMs, 'milliseconds');
  }
  if (b.message !== undefined) {
    if (!JSON_ERROR_KINDS.includes(status)) throw invalid('message', `applies only to ${JSON_ERROR_KINDS.join(', ')} faults.`);
    if (typeof b.message !== 'string' || !b.message || b.message.length > MESSAGE_MAX) {
      throw invalid('message', `must be a non-empty string of at most ${MESSAGE_MAX} characters.`);
    }
    rule.message = b.message;
  }
  return rule;
}
