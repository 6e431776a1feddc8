import { invalid } from './errors';

export interface Range {
  min: number;
  max: number;
}

/** How long a delivery waits for the receiver (Distribu: 10 s). */
export const DELIVERY_TIMEOUT_MS: Range = { min: 1, max: 600_000 };
/** How long an event's deliveries are held back (`delays`). */
export const DELAY_MS: Range = { min: 0, max: 600_000 };
/** A rotation's grace window: up to a year. */
export const GRACE_SECONDS: Range = { min: 0, max: 31_536_000 };

export const isWholeIn = (value: unknown, range: Range): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

export const wholeText = (range: Range, unit: string) => `must be a whole number of ${unit} from ${range.min} to ${range.max}.`;

/**
 * A whole number within `range`, or a 400 that says the range. Every timeout and delay goes
 * through here: Node's timers fire at once past 2^31-1 ms, and a fraction of a millisecond or
 * an unbounded count is never what a test meant.
 */
export function wholeNumber(field: string, value: unknown, range: Range, unit: string): number {
  if (!isWholeIn(value, range)) throw invalid(field, wholeText(range, unit));
  return value;
}

/** A finite number within `range` (fractions allowed), or a 400 that says the range. */
export function numberIn(field: string, value: unknown, range: Range, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw invalid(field, `must be a number of ${unit} from ${range.min} to ${range.max}.`);
  }
  return value;
}
