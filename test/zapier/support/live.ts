// The Zapier app against a running sandbox over real HTTP: the sandbox, a hooks.zapier.com
// stand-in, the sandbox's client, and deliveries turned into bundles exactly as Zapier builds them.
import { createHmac } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../sandbox/src';
import { SandboxClient } from '../../../sandbox/src/client';
import { startCatcher } from '../../../scripts/catcher';
import { startRpc } from '../../../scripts/zapier/rpc';
import { hookBundle, type CapturedRequest } from '../../../scripts/zapier/bundle';
import { timeBudget } from '../../../zapier/src/time-budget';
import { appTester, trigger } from './app-tester';

/** Test runs wait this long for a hung Distribu instead of the app's 10 s: the same code path, shorter. */
export const TEST_TIMEOUT_MS = 1_500;

/**
 * Runs `fn` with the app's request timeout cut to TEST_TIMEOUT_MS: only around a call the sandbox is told to hold.
 * Everything else keeps the app's own timeout, so a slow answer on a busy machine is never turned into a timeout.
 */
export async function withShortTimeout<T>(fn: () => Promise<T>): Promise<T> {
  const own = timeBudget.requestMs;
  timeBudget.requestMs = TEST_TIMEOUT_MS;
  try {
    return await fn();
  } finally {
    timeBudget.requestMs = own;
  }
}

export interface Live {
  sb: Sandbox;
  client: SandboxClient;
  catcher: Awaited<ReturnType<typeof startCatcher>>;
  authData: { apiKey: string; baseUrl: string };
  close(): Promise<void>;
}

/**
 * Registers a suite's setup: a live sandbox + catcher for the whole file, every console line
 * (where core's z.console writes under jest) collected in `logs`, and `secrets` to search for,
 * starting with the API key.
 */
export function liveSuite(): { live: () => Live; logs: string[]; secrets: string[] } {
  let live: Live | undefined;
  const logs: string[] = [];
  const secrets: string[] = [];
  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
    live = await startLive();
    secrets.push(live.sb.apiKey);
  });
  afterAll(async () => {
    await live?.close();
    jest.restoreAllMocks();
  });
  return {
    live: () => {
      if (!live) throw new Error('the live sandbox is not started yet');
      return live;
    },
    logs,
    secrets,
  };
}

export async function startLive(): Promise<Live> {
  const sb = await startSandbox({ port: 0, seed: true });
  const catcher = await startCatcher();
  return {
    sb,
    client: new SandboxClient(sb.url, sb.apiKey),
    catcher,
    authData: { apiKey: sb.apiKey, baseUrl: sb.url },
    close: async () => {
      await catcher.close();
      await sb.close();
    },
  };
}

/** Webhooks Distribu holds at exactly this URL. */
export async function webhooksAt(live: Live, url: string) {
  return (await live.client.webhooks()).filter((w) => w.url === url);
}

let zaps = 0;
/** Turns a Zap on: subscribes `trigger key` for a fresh hook URL at the catcher. */
export async function subscribeZap(live: Live, name: string, key = 'order_created') {
  const path = `/hooks/catch/9/${name}-${(zaps += 1)}`;
  const targetUrl = `${live.catcher.url}${path}`;
  const subscribeData = (await appTester(trigger(key).performSubscribe, { authData: live.authData, targetUrl })) as Record<string, any>;
  return { path, targetUrl, subscribeData };
}

/** Fires one event through the sandbox and returns what the catcher received at `path` for it. */
export async function fireAndCatch(live: Live, event: string, path: string, variant?: string): Promise<CapturedRequest> {
  const before = live.catcher.at(path).length;
  await live.client.fire(event, variant ? { variant } : {});
  const got = live.catcher.at(path);
  if (got.length <= before) throw new Error(`no delivery reached ${path}`);
  return got[got.length - 1]!;
}

export function hmac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/**
 * A delivery as Distribu would send it: `body` signed with `current` (X-Webhook-Signature) and,
 * when given, `old` (X-Webhook-Signature-Old). Pass null to leave a header out.
 */
export function signed(body: string, current: string | null, old?: string | null, event = 'order.created'): CapturedRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-webhook-event': event };
  if (current) headers['x-webhook-signature'] = hmac(body, current);
  if (old) headers['x-webhook-signature-old'] = hmac(body, old);
  return { method: 'POST', headers, body };
}

/** An order.created envelope with a fresh timestamp (or the one given) and a unique order id. */
let orderSeq = 0;
export function orderCreatedBody(timestamp = new Date().toISOString()): string {
  orderSeq += 1;
  return JSON.stringify({
    event: 'order.created',
    timestamp,
    data: { id: `ord_test_${Date.now()}_${orderSeq}`, status: 'SUBMITTED', total: 10, customerId: 'cus_1', itemCount: 1, poNumber: null },
  });
}

/**
 * A fresh copy of the app's modules, with memory of its own: what a second Zapier process loads.
 * Run it with scripts/zapier/runner.ts (core's createAppHandler, as Zapier runs an app).
 */
export function isolatedApp(): object {
  let app: object | undefined;
  jest.isolateModules(() => {
    app = require('../../../zapier/src').default;
  });
  return app!;
}

/** A stand-in for Zapier's RPC (z.cache) for the whole file; core's log stream goes there too. */
export function rpcSuite(): () => Awaited<ReturnType<typeof startRpc>> {
  let rpc: Awaited<ReturnType<typeof startRpc>> | undefined;
  beforeAll(async () => {
    rpc = await startRpc();
    // core streams an invocation's logs wherever a token is given: keep them on this machine
    process.env.LOGGING_ENDPOINT = rpc.logUrl;
  });
  afterAll(async () => {
    delete process.env.LOGGING_ENDPOINT;
    await rpc?.close();
  });
  return () => rpc!;
}

export { hookBundle };
