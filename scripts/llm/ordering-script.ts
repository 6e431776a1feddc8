/**
 * The scripted model's ordering run, shared by the real-n8n agent suites and the demo: find the customer by email,
 * list the products, create one order with a line per SKU, confirm it, ship it with tracking, then try to cancel
 * the shipped order (Distribu refuses) and answer with text quoting what the last tool returned. Tools are found by
 * what they do (a predicate per step), since n8n's tool nodes and the MCP server name them differently; arguments
 * use the operation catalog's input keys, which both expose.
 */
import { findInResult, type ReceivedTool, type ScriptStep, type StepContext } from './scripted-model';

export interface OrderingPlan {
  customerEmail: string;
  lines: Array<{ sku: string; quantity: number }>;
  carrier: string;
  trackingNumber: string;
}

export interface OrderingTools {
  findCustomers: (tool: ReceivedTool) => boolean;
  listProducts: (tool: ReceivedTool) => boolean;
  createOrder: (tool: ReceivedTool) => boolean;
  updateStatus: (tool: ReceivedTool) => boolean;
}

/** Every object in a tool result's JSON (lists, wrappers and JSON held in text included). */
export function resultRecords(content: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          visit(JSON.parse(trimmed));
        } catch {
          // Not JSON: plain words.
        }
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      found.push(value as Record<string, unknown>);
      Object.values(value).forEach(visit);
    }
  };
  visit(content);
  return found;
}

const resultOf = (context: StepContext, index: number) => {
  const result = context.results[index];
  if (!result) throw new Error(`no result of step ${index + 1}`);
  return result.content;
};

/** The id of the record with `key` equal to `value` in a result (the customer with this email, the product with this SKU). */
function idWhere(content: string, key: string, value: string): string {
  const record = resultRecords(content).find((r) => String(r[key]).toLowerCase() === value.toLowerCase() && typeof r.id === 'string');
  if (!record) throw new Error(`no record with ${key} ${value} in the result`);
  return record.id as string;
}

export const ORDERING_STEPS = ['find the customer', 'list the products', 'create the order', 'confirm it', 'ship it', 'try to cancel it'] as const;

export function orderingScript(tools: OrderingTools, plan: OrderingPlan): ScriptStep[] {
  const orderId = (context: StepContext) => {
    const id = findInResult(resultOf(context, 2), 'id');
    if (typeof id !== 'string') throw new Error('the create step returned no order id');
    return id;
  };
  return [
    { label: ORDERING_STEPS[0], tool: tools.findCustomers, arguments: () => ({ search: plan.customerEmail }) },
    { label: ORDERING_STEPS[1], tool: tools.listProducts, arguments: () => ({}) },
    {
      label: ORDERING_STEPS[2],
      tool: tools.createOrder,
      arguments: (context) => ({
        customerId: idWhere(resultOf(context, 0), 'email', plan.customerEmail),
        lineItems: plan.lines.map((line) => ({ productId: idWhere(resultOf(context, 1), 'sku', line.sku), quantity: line.quantity })),
        poNumber: 'PO-AGENT-1',
      }),
    },
    { label: ORDERING_STEPS[3], tool: tools.updateStatus, arguments: (context) => ({ orderId: orderId(context), status: 'CONFIRMED' }) },
    {
      label: ORDERING_STEPS[4],
      tool: tools.updateStatus,
      arguments: (context) => ({ orderId: orderId(context), status: 'SHIPPED', carrier: plan.carrier, trackingNumber: plan.trackingNumber }),
    },
    { label: ORDERING_STEPS[5], tool: tools.updateStatus, arguments: (context) => ({ orderId: orderId(context), status: 'CANCELLED' }) },
    {
      label: 'answer',
      reply: (context) => `Order ${orderId(context)} is placed and shipped. Cancelling it was refused: ${resultOf(context, 5)}`,
    },
  ];
}
