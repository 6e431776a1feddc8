/**
 * Watches the sandbox's webhook list in the background (one poll every `intervalMs`) so a duplicate that exists only
 * for a moment between two test steps is still seen. "Duplicate" = two or more webhooks at one URL.
 */
import type { SandboxClient, SandboxWebhook } from '../../../sandbox/src/client';

export interface WatchFigures {
  samples: number;
  maxTotal: number;
  /** The most webhooks seen at one URL at once. */
  maxAtOneUrl: number;
  /** Every sample with a URL held by two or more webhooks. */
  duplicates: Array<{ at: string; url: string; ids: string[] }>;
}

/** URLs held by more than one of these webhooks, with their ids. */
export function duplicatesIn(hooks: readonly SandboxWebhook[]): Array<{ url: string; ids: string[] }> {
  const byUrl = new Map<string, string[]>();
  for (const hook of hooks) byUrl.set(hook.url, [...(byUrl.get(hook.url) ?? []), hook.id]);
  return [...byUrl].filter(([, ids]) => ids.length > 1).map(([url, ids]) => ({ url, ids }));
}

export class WebhookWatch {
  readonly figures: WatchFigures = { samples: 0, maxTotal: 0, maxAtOneUrl: 0, duplicates: [] };
  private running = true;
  private failure: unknown;
  private readonly loop: Promise<void>;

  constructor(
    private readonly controls: SandboxClient,
    intervalMs = 100,
  ) {
    this.loop = (async () => {
      while (this.running) {
        try {
          this.record(await controls.webhooks());
        } catch (error) {
          this.failure = error;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
  }

  /** Adds one sample (the tests also record the lists they read themselves). */
  record(hooks: readonly SandboxWebhook[]): void {
    const f = this.figures;
    f.samples++;
    f.maxTotal = Math.max(f.maxTotal, hooks.length);
    const counts = new Map<string, number>();
    for (const hook of hooks) counts.set(hook.url, (counts.get(hook.url) ?? 0) + 1);
    f.maxAtOneUrl = Math.max(f.maxAtOneUrl, 0, ...counts.values());
    for (const duplicate of duplicatesIn(hooks)) f.duplicates.push({ at: new Date().toISOString(), ...duplicate });
  }

  /** Stops polling; rejects if a poll failed (the sandbox went away, say). */
  async stop(): Promise<WatchFigures> {
    this.running = false;
    await this.loop;
    if (this.failure) throw this.failure;
    return this.figures;
  }
}
