// What both real-n8n agent suites (Distribu Tool nodes, MCP Client Tool) ask the scripted model to do, and check
// afterwards in the sandbox: the same order, three line items, confirmed, shipped with tracking, a refused cancel.
import { allowedTransitionsText } from '@distribu/shared/runtime';
import type { Sandbox } from '../../../sandbox/src';
import type { SandboxClient } from '../../../sandbox/src/client';
import type { OrderingPlan } from '../../../scripts/llm/ordering-script';

export const PLAN: OrderingPlan = {
  customerEmail: 'buyer@acme.com',
  lines: [
    { sku: 'COF-ARA-1KG', quantity: 2 },
    { sku: 'DAI-OAT-1L', quantity: 6 },
    { sku: 'PKG-CUP-12', quantity: 1 },
  ],
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
};

export const PROMPT = `Order for ${PLAN.customerEmail}: ${PLAN.lines.map((l) => `${l.quantity} x ${l.sku}`).join(', ')}. Confirm it, ship it with ${PLAN.carrier} ${PLAN.trackingNumber}, then cancel it.`;

/** The order the agent placed (PO-AGENT-1), checked against the plan: three lines, shipped with tracking. */
export function expectOrderPlaced(sandbox: Sandbox): { orderId: string; refusal: string } {
  const store = sandbox.core.store;
  const placed = [...store.orders.values()].filter((o) => o.poNumber === 'PO-AGENT-1');
  expect(placed).toHaveLength(1);
  const order = placed[0]!;
  const productId = (sku: string) => [...store.products.values()].find((p) => p.sku === sku)!.id;
  const customer = [...store.customers.values()].find((c) => c.email === PLAN.customerEmail)!;
  expect(order).toMatchObject({ customerId: customer.id, status: 'SHIPPED', tracking: { carrier: PLAN.carrier, number: PLAN.trackingNumber } });
  expect(order.items.map((i) => [i.productId, i.quantity])).toEqual(PLAN.lines.map((l) => [productId(l.sku), l.quantity]));
  const refusal = `Distribu refused to change order ${order.id} from SHIPPED to CANCELLED: that transition is not allowed. ${allowedTransitionsText('SHIPPED')} The order was not changed.`;
  return { orderId: order.id, refusal };
}

/** Distribu's write calls (webhooks aside): the one create and the three status changes, the last refused. */
export async function expectAgentWrites(controls: SandboxClient, orderId: string): Promise<void> {
  const writes = (await controls.requests()).filter((r) => r.method !== 'GET' && !r.path.startsWith('/api/v1/webhooks'));
  expect(writes.map((r) => [r.method, r.path, r.status])).toEqual([
    ['POST', '/api/v1/orders', 201],
    ['PATCH', `/api/v1/orders/${orderId}`, 200],
    ['PATCH', `/api/v1/orders/${orderId}`, 200],
    ['PATCH', `/api/v1/orders/${orderId}`, 422],
  ]);
}
