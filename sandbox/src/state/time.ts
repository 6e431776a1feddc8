/** ISO 8601 UTC with milliseconds, as Distribu writes every timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}
