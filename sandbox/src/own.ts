/**
 * `record[key]` only when `key` is the record's own property. A name from a request (an action,
 * an event variant, a report preset) must never reach `constructor`, `toString` or `__proto__`
 * through the prototype chain.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
