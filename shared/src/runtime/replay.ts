/**
 * Distribu signs no timestamp header, but the signed envelope carries `timestamp`, so a
 * receiver can refuse replays of old deliveries. `windowSeconds` 0 turns the check off.
 */
export function isWithinReplayWindow(timestamp: unknown, windowSeconds: number, now: number = Date.now()): boolean {
  if (!windowSeconds || windowSeconds <= 0) return true;
  if (typeof timestamp !== 'string') return false;
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return false;
  return Math.abs(now - at) <= windowSeconds * 1000;
}
