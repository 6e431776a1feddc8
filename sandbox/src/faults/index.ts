/** What an injected fault does to a matching REST call. */
export type FaultKind =
  // Answered instead of the API; nothing is processed.
  | 401
  | 403
  | 404
  | 422
  | 429
  | 500
  | 'timeout'
  | 'malformed'
  | 'echo'
  | 'html'
  // Processed (the change is committed), then the answer is lost.
  | 'lost-reset'
  | 'lost-truncated'
  | 'lost-hang';

export const FAULT_KINDS: readonly FaultKind[] = [
  401, 403, 404, 422, 429, 500, 'timeout', 'malformed', 'echo', 'html', 'lost-reset', 'lost-truncated', 'lost-hang',
];
export type LostAnswerKind = Extract<FaultKind, `lost-${string}`>;
export const isLostAnswer = (kind: FaultKind): kind is LostAnswerKind => typeof kind === 'string' && kind.startsWith('lost-');
/** Kinds that answer Distribu's `{"error"}` JSON, whose text `message` may replace. */
export const JSON_ERROR_KINDS: readonly FaultKind[] = [401, 403, 404, 422, 429, 500];
/** Kinds that hold the call for `delayMs`. */
export const HOLDING_KINDS: readonly FaultKind[] = ['timeout', 'lost-hang'];

export interface FaultRule {
  id: number;
  status: FaultKind;
  /** How many more matching calls fail. */
  remaining: number;
  /** Only calls to this path (or below it), given under /api/v1 (`/webhooks`) or in full. */
  path?: string;
  method?: string;
  /** 429: seconds, sent as `retryAfter` in the body and as a Retry-After header. */
  retryAfter?: number;
  /** 'timeout': how long the call hangs before a 504; 'lost-hang': before the connection is dropped. */
  delayMs?: number;
  /** JSON error kinds: the `error` text instead of Distribu's usual one. */
  message?: string;
}

/** Bounds of a rule's numbers (a hold past 2^31-1 ms would overflow Node's timers and fire at once). */
export const FAULT_LIMITS = {
  count: { min: 1, max: 10_000 },
  retryAfter: { min: 0, max: 86_400 },
  delayMs: { min: 0, max: 600_000 },
} as const;
export const DEFAULT_HOLD_MS = 60_000;
const API_PREFIX = '/api/v1';

function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** Fault injection for tests: the next N matching API calls fail the chosen way. */
export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly held = new Set<() => void>();

  add(rule: Omit<FaultRule, 'id'>): FaultRule {
    const added = { ...rule, id: this.nextId++ };
    this.rules.push(added);
    return added;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes one use of the first rule matching this call, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const apiPath = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) || '/' : path;
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (!r.path || underPrefix(path, r.path) || underPrefix(apiPath, r.path)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    return { ...rule };
  }

  /** Waits `ms`, or less if `until` settles first or the sandbox releases every held call. */
  hold(ms: number, until?: Promise<unknown>): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.add(release);
      void until?.then(release, release);
    });
  }

  /** Ends every held call now (on close and reset). */
  releaseAll(): void {
    for (const release of [...this.held]) release();
  }
}
