/** ISO 8601 UTC with milliseconds, as Distribu writes every timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Money: a number with at most 2 decimals. */
export function money(value: number): number {
  return Math.round(value * 100) / 100;
}
