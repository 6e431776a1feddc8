import { ApiError } from './errors';

/** What an injected fault answers: an HTTP error, or no answer at all for `delayMs` ('timeout'). */
export type FaultKind = 401 | 403 | 429 | 500 | 'timeout';

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
  /** 'timeout': how long the call hangs before a 504. */
  delayMs?: number;
}

export const FAULT_KINDS: readonly FaultKind[] = [401, 403, 429, 500, 'timeout'];
const API_PREFIX = '/api/v1';
const DEFAULT_TIMEOUT_HOLD_MS = 60_000;

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

  /** The error a fault answers with (after the hold, for a timeout); a 403 names the route's scope. */
  async answer(rule: FaultRule, scope = 'webhooks:write'): Promise<ApiError> {
    switch (rule.status) {
      case 401:
        return new ApiError(401, 'Invalid, expired, or revoked API key.');
      case 403:
        return new ApiError(403, `Insufficient permissions. This key lacks the "${scope}" scope.`);
      case 429:
        return new ApiError(429, 'Too many requests. Please slow down.', { retryAfter: rule.retryAfter ?? 1 });
      case 500:
        return new ApiError(500, 'Internal server error.');
      case 'timeout':
        await this.hold(rule.delayMs ?? DEFAULT_TIMEOUT_HOLD_MS);
        return new ApiError(504, 'Gateway timeout.');
    }
  }

  /** Ends every held call now (on close). */
  releaseAll(): void {
    for (const release of [...this.held]) release();
  }

  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.add(release);
    });
  }
}
