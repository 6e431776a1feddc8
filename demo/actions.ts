/**
 * The write side of the demo: Zap steps (creates, searches, Find or Create) run through
 * zapier-platform-core, and, with n8n on, a published n8n workflow built from Distribu nodes only
 * ("new order → find customer → confirm order") that reacts to the order the Zap step placed.
 * Each row says what the connector did and what Distribu shows afterwards.
 */
import type { SandboxClient } from '../sandbox/src/client';
import { waitFor } from '../scripts/wait';
import { renderColumns } from './columns';

export interface ActionRow {
  connector: 'Zapier' | 'n8n' | 'MCP';
  action: string;
  result: string;
  ok: boolean;
}

type Rec = { id: string } & Record<string, any>;

/** Runs one Zapier create or search the way Zapier does, returning what the step outputs. */
export type ZapierStep = (kind: 'creates' | 'searches', key: string, inputData: Record<string, unknown>) => Promise<unknown>;

export interface ActingN8n {
  /** Publishes "new order → find customer → confirm order" (uses one more webhook). */
  publishConfirmFlow(): Promise<void>;
  /** The Distribu nodes' outputs in the flow's first execution. */
  confirmFlowRun(): Promise<{ customerEmail?: string; confirmedStatus?: string }>;
}

const short = (id: unknown) => `${String(id).slice(0, 10)}…`;

/** The refusal's plain words, as the Zap step would show them in Zap history. */
async function refusal(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function act(sandbox: SandboxClient, zap: ZapierStep, n8n?: ActingN8n): Promise<ActionRow[]> {
  const rows: ActionRow[] = [];
  const order = async (id: string) => (await sandbox.api<{ data: Rec }>('GET', `/orders/${id}`)).data;
  const email = 'buyer@harbourbakery.example';

  // Find or Create Customer, twice with the same email: Zapier runs the search, then the create only when it found nothing.
  const findOrCreate = async () => {
    const found = (await zap('searches', 'find_customer', { search: email })) as Rec[];
    if (found.length > 0) return { customer: found[0]!, created: false };
    return { customer: (await zap('creates', 'create_customer', { email, name: 'Harbour Bakery' })) as Rec, created: true };
  };
  const first = await findOrCreate();
  rows.push({ connector: 'Zapier', action: 'Find or Create Customer', result: `${first.created ? 'created' : 'found'} ${first.customer.email} (${short(first.customer.id)})`, ok: first.created });
  const second = await findOrCreate();
  const sameOne = !second.created && second.customer.id === first.customer.id;
  rows.push({ connector: 'Zapier', action: 'Find or Create Customer, again', result: sameOne ? 'found the same customer: still one' : 'a second customer was created', ok: sameOne });

  // Find Product by SKU, then Create Order with two line items.
  const [beans] = (await zap('searches', 'find_product', { search: 'COF-ARA-1KG' })) as Rec[];
  const [oat] = (await zap('searches', 'find_product', { search: 'DAI-OAT-1L' })) as Rec[];
  rows.push({ connector: 'Zapier', action: 'Find Product (by SKU) ×2', result: `${beans?.name ?? '?'}, ${oat?.name ?? '?'}`, ok: !!beans && !!oat });

  if (n8n) await n8n.publishConfirmFlow();
  const placed = (await zap('creates', 'create_order', {
    customerId: first.customer.id,
    lineItems: [
      { productId: beans!.id, quantity: 4 },
      { productId: oat!.id, quantity: 12 },
    ],
    poNumber: 'PO-HB-7',
  })) as Rec;
  rows.push({ connector: 'Zapier', action: 'Create Order (2 line items)', result: `order ${short(placed.id)} ${placed.status}, total ${placed.total}`, ok: placed.status === 'SUBMITTED' && placed.items?.length === 2 });

  if (n8n) {
    // Distribu fires order.created; the n8n flow finds the customer and confirms the order.
    const status = await waitFor('n8n to confirm the order', async () => ((await order(placed.id)).status === 'CONFIRMED' ? 'CONFIRMED' : undefined), 60_000, 250);
    const run = await n8n.confirmFlowRun();
    rows.push({ connector: 'n8n', action: 'Trigger: order.created → Get Customer', result: `found ${run.customerEmail ?? '?'}`, ok: run.customerEmail === email });
    rows.push({ connector: 'n8n', action: 'Update Order Status → Confirmed', result: `order ${short(placed.id)} ${status}`, ok: run.confirmedStatus === 'CONFIRMED' });
  } else {
    const confirmed = (await zap('creates', 'update_order_status', { orderId: placed.id, status: 'CONFIRMED' })) as Rec;
    rows.push({ connector: 'Zapier', action: 'Update Order Status → Confirmed', result: `order ${short(placed.id)} ${confirmed.status}`, ok: confirmed.status === 'CONFIRMED' });
  }

  const shipped = (await zap('creates', 'update_order_status', { orderId: placed.id, status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' })) as Rec;
  rows.push({ connector: 'Zapier', action: 'Update Order Status → Shipped (UPS)', result: `tracking ${shipped.tracking?.number ?? '-'}`, ok: shipped.status === 'SHIPPED' });

  const [found] = (await zap('searches', 'find_order', { orderId: placed.id })) as Rec[];
  rows.push({ connector: 'Zapier', action: 'Find Order', result: `order ${short(found?.id)} ${found?.status}`, ok: found?.status === 'SHIPPED' });

  // A change Distribu's order rules forbid: refused in plain words, and the order stays as it was.
  const message = await refusal(() => zap('creates', 'update_order_status', { orderId: placed.id, status: 'CANCELLED' }));
  const unchanged = (await order(placed.id)).status === 'SHIPPED';
  rows.push({ connector: 'Zapier', action: 'Update Order Status → Cancelled', result: `refused: ${message ?? 'it went through'}`, ok: !!message && unchanged });
  return rows;
}

export function renderActions(rows: ActionRow[]): string {
  const header = ['', 'Connector', 'Action', 'Result'];
  const body = rows.map((r) => [r.ok ? '✔' : '✘', r.connector, r.action, r.result]);
  return renderColumns(header, body);
}
