import { invalid } from './errors';

export interface Range {
  min: number;
  max: number;
}

/**
 * A whole number within `range`, or a 400 that says the range. Every timeout and delay goes
 * through here: Node's timers fire at once past 2^31-1 ms, and a fraction of a millisecond or
 * an unbounded count is never what a test meant.
 */
export function wholeNumber(field: string, value: unknown, range: Range, unit: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw invalid(field, `must be a whole number of ${unit} from ${range.min} to ${range.max}.`);
  }
  return value;
}

/** A finite number within `range` (fractions allowed), or a 400 that says the range. */
export function numberIn(field: string, value: unknown, range: Range, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw invalid(field, `must be a number of ${unit} from ${range.min} to ${range.max}.`);
  }
  return value;
}
