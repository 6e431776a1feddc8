/**
 * The polling half of "never lose an event": n8n is stopped, Distribu takes orders meanwhile (one
 * through the API, whose webhook delivery to the stopped n8n is lost, since Distribu never retries;
 * one in the dashboard, which no webhook ever reports), n8n starts again and the Distribu Polling
 * Trigger, published before the stop, emits both orders once.
 */
import type { SandboxClient } from '../sandbox/src/client';
import type { ActionRow } from './actions';
import { pollUntil } from '../scripts/wait';

export interface PollingN8n {
  stop(): Promise<void>;
  /** Starts n8n again; resolves with its start-up time in seconds. */
  start(): Promise<number>;
  /** The order ids the polling trigger has emitted so far. */
  polledOrderIds(): Promise<string[]>;
}

type Rec = { id: string } & Record<string, any>;

/** The section's rows and the line that sums it up. */
export interface CatchUp {
  rows: ActionRow[];
  summary: string;
}

/** The note the sandbox dashboard shows on each delivery the demo loses on purpose. */
const LOST_ON_PURPOSE = 'Lost on purpose: the demo stopped n8n. Distribu never retries; the Distribu Polling Trigger picks the order up when n8n is back.';

/** Labels the deliveries that failed since `since` (no answer from the stopped n8n) on the sandbox dashboard; resolves with how many. */
async function labelLostDeliveries(sandbox: SandboxClient, since: string): Promise<number> {
  let lost = 0;
  for (const webhook of (await sandbox.control<{ data: Array<{ id: string }> }>('GET', '/webhooks')).data) {
    const deliveries = (await sandbox.control<{ data: Array<{ id: string; status: number | null; at: string }> }>('GET', `/webhooks/${webhook.id}/deliveries`)).data;
    for (const delivery of deliveries.filter((d) => d.status === null && d.at >= since)) {
      await sandbox.control('POST', '/dashboard/notes', { deliveryId: delivery.id, note: LOST_ON_PURPOSE });
      lost += 1;
    }
  }
  return lost;
}

export async function catchUp(sandbox: SandboxClient, n8n: PollingN8n, timeoutMs = 4 * 60_000): Promise<CatchUp> {
  await n8n.stop();
  const since = new Date().toISOString();
  const customers = (await sandbox.api<{ data: Rec[] }>('GET', '/customers?status=ACTIVE')).data;
  const products = (await sandbox.api<{ data: Rec[] }>('GET', '/products?active=true&limit=100')).data.filter((p) => p.stock > 20);
  const byApi = (await sandbox.api<{ data: Rec }>('POST', '/orders', { customerId: customers[0]!.id, items: [{ productId: products[0]!.id, quantity: 1 }] })).data;
  const byDashboard = (await sandbox.control<{ result: Rec }>('POST', '/actions/dashboard-order', {})).result;
  await sandbox.control('POST', '/idle');
  const lost = await labelLostDeliveries(sandbox, since);
  const rows: ActionRow[] = [
    {
      connector: 'n8n',
      action: 'n8n stopped; Distribu takes 2 orders',
      result:
        `API order ${byApi.id.slice(0, 10)}… (its ${lost} deliveries to n8n's webhooks fail and are lost on purpose: Distribu never retries), ` +
        `dashboard order ${byDashboard.id.slice(0, 10)}… (no webhook ever)`,
      ok: lost > 0,
    },
  ];
  const seconds = await n8n.start();
  const started = Date.now();
  const wanted = [byApi.id, byDashboard.id];
  const polled = await pollUntil(() => n8n.polledOrderIds(), (ids) => wanted.every((id) => ids.includes(id)), timeoutMs, 2000);
  const once = wanted.every((id) => polled.filter((p) => p === id).length === 1);
  rows.push({
    connector: 'n8n',
    action: 'n8n started again: Polling Trigger (New Order)',
    result: once ? `caught up on both orders, each once, ${Math.round((Date.now() - started) / 1000 + seconds)} s after the restart` : `emitted ${polled.filter((p) => wanted.includes(p)).length} of 2 orders`,
    ok: once,
  });
  const summary = once
    ? 'Both orders n8n missed while it was down reached the workflow once each: nothing was lost.'
    : 'The Polling Trigger did not catch up on both orders: see the row marked ✘.';
  return { rows, summary };
}
