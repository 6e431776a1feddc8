/** Money: a number with at most 2 decimals. */
export function money(value: number): number {
  return Math.round(value * 100) / 100;
}
