import App from '../zapier/src';
import { events, type TriggerItem } from '@distribu/shared/runtime';
import { startCatcher } from '../scripts/catcher';
import { hookBundle } from '../scripts/zapier/bundle';
import { startRpc } from '../scripts/zapier/rpc';
import { zapierRunner } from '../scripts/zapier/runner';

/** core serializes z.errors.Error as JSON in the message: the words Zap history shows are its `message`. */
function plainMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    return String((JSON.parse(text) as { message?: unknown }).message ?? text);
  } catch {
    return text;
  }
}

export interface ZapierResult {
  /** Deliveries hooks.zapier.com's stand-in received for this trigger. */
  delivered: number;
  /** Those whose perform returned the item (signature verified). */
  verified: number;
  items: TriggerItem[];
}

/**
 * The Zapier half of the demo: every trigger subscribed as a Zap would be, zapier-platform-core
 * running each method, and a local catcher standing in for hooks.zapier.com.
 */
export async function startZapierSide(sandbox: { url: string; apiKey: string }) {
  // Zapier's RPC stand-in gives z.cache (replay and rotation memory) what Zapier gives it. With a
  // token core also streams its logs, so they go to the stand-in too and never leave the machine.
  const rpc = await startRpc();
  process.env.LOGGING_ENDPOINT = rpc.logUrl;
  const run = zapierRunner(App, { url: rpc.rpcUrl, token: 'demo' });
  const catcher = await startCatcher();
  const authData = { apiKey: sandbox.apiKey, baseUrl: sandbox.url };
  const method = (key: string, name: 'perform' | 'performSubscribe' | 'performUnsubscribe') => `triggers.${key}.operation.${name}`;
  const subscriptions = new Map<string, Record<string, unknown>>();

  for (const event of events) {
    const targetUrl = `${catcher.url}/hooks/${event.key}`;
    subscriptions.set(event.key, await run<Record<string, unknown>>(method(event.key, 'performSubscribe'), { authData, targetUrl, inputData: {} }));
  }

  return {
    subscriptions: subscriptions.size,
    /** Runs a create or search as a Zap step does; a refusal is thrown with Zapier's plain message. */
    async step(kind: 'creates' | 'searches', key: string, inputData: Record<string, unknown>): Promise<unknown> {
      try {
        return await run(`${kind}.${key}.operation.perform`, { authData, inputData, meta: { isLoadingSample: false } });
      } catch (error) {
        throw new Error(plainMessage(error));
      }
    },
    /** Runs perform on everything caught so far, per event, as Zapier would. */
    async results(): Promise<Map<string, ZapierResult>> {
      const out = new Map<string, ZapierResult>();
      for (const event of events) {
        const caught = catcher.at(`/hooks/${event.key}`);
        const result: ZapierResult = { delivered: caught.length, verified: 0, items: [] };
        for (const request of caught) {
          const bundle = hookBundle(request, subscriptions.get(event.key)!, { authData, inputData: {} });
          const items = await run<TriggerItem[]>(method(event.key, 'perform'), bundle);
          result.verified += items.length;
          result.items.push(...items);
        }
        out.set(event.name, result);
      }
      return out;
    },
    /** Turns every Zap off: performUnsubscribe deletes each webhook. Resolves with how many it unsubscribed. */
    async stop(): Promise<number> {
      let unsubscribed = 0;
      for (const [key, subscribeData] of subscriptions) {
        await run(method(key, 'performUnsubscribe'), { authData, subscribeData, inputData: {} });
        subscriptions.delete(key);
        unsubscribed += 1;
      }
      await catcher.close();
      await rpc.close();
      return unsubscribed;
    },
  };
}
