import type { FastifyInstance } from 'fastify';
import { optionalBody } from '../body';
import type { SandboxCore } from '../core';
import { payInvoice } from '../domain/billing';
import { createCustomer, parseCustomerFields, updateCustomer } from '../domain/customers';
import { parseNewOrder, placeOrder, transitionOrder } from '../domain/orders';
import { adjustStock, editProduct, parseProductEdit, setProductActive } from '../domain/products';
import { approveReturn, openReturn, receiveReturn, refundReturn, rejectReturn, returnView } from '../domain/returns';
import type { Fired } from '../emitter';
import { ApiError, invalid } from '../errors';
import { anyCustomer, stockedProduct } from '../fixtures';
import { own } from '../own';
import { newestFirst, type ReturnItem } from '../store';
import { customerView, orderView, productView } from '../views';
import { settle } from './settle';

type Body = Record<string, unknown>;

const withoutSeq = <T extends { seq: number }>({ seq: _seq, ...rest }: T) => rest;
type Action = (core: SandboxCore, body: Body) => { result: unknown; fired: Fired[] };

const str = (body: Body, key: string): string => {
  const v = body[key];
  if (typeof v !== 'string' || !v) throw invalid(key, 'is required.');
  return v;
};

/** Line items default to one unit of a well-stocked product. */
function orderBody(core: SandboxCore, body: Body, withCustomer: boolean): Body {
  return {
    ...body,
    customerId: body.customerId !== undefined ? body.customerId : withCustomer ? anyCustomer(core).id : null,
    items: body.items ?? [{ productId: stockedProduct(core).id, quantity: 1 }],
  };
}

/**
 * What Distribu's storefront and dashboard do, as sandbox actions. Each goes through the same
 * domain code as the API, so each fires exactly the events the real change fires.
 */
export const actions: Record<string, Action> = {
  /** A customer checks out on the storefront: order.created (storefront shape). */
  'storefront-order': (core, b) => {
    const { order, fired } = placeOrder(core, parseNewOrder(orderBody(core, b, true), { customerRequired: true }), 'storefront');
    return { result: orderView(core.store, order), fired };
  },
  /** Staff enter an order in the dashboard: no order.created (documented); stock still moves. */
  'dashboard-order': (core, b) => {
    const { order, fired } = placeOrder(core, parseNewOrder(orderBody(core, b, false), { customerRequired: false }), 'dashboard');
    return { result: orderView(core.store, order), fired };
  },
  /** Staff change an order's status in the dashboard: order.status_changed with the six fields. */
  'order-status': (core, b) => {
    const { order, fired } = transitionOrder(core, str(b, 'orderId'), { status: b.status, tracking: b.tracking }, 'dashboard');
    return { result: orderView(core.store, order), fired };
  },
  /** Self-registration on the storefront: customer.created (source storefront). */
  'customer-signup': (core, b) => {
    const fields = parseCustomerFields(
      { email: b.email ?? `buyer-${Date.now().toString(36)}@example.com`, name: b.name ?? 'New Storefront Buyer' },
      { requireEmail: true },
    );
    // `pending: true`: the store approves sign-ups, so the account waits as PENDING.
    const status = b.pending === true ? ('PENDING' as const) : undefined;
    const { customer, fired } = createCustomer(core, { ...fields, email: fields.email!, status }, 'storefront');
    return { result: customerView(customer), fired };
  },
  /** Staff set a customer's own price for a product (used by every later order of theirs). */
  'price-override': (core, b) => {
    const customer = core.store.customers.get(str(b, 'customerId'));
    if (!customer) throw new ApiError(404, 'Customer not found.');
    const productId = str(b, 'productId');
    if (!core.store.products.has(productId)) throw new ApiError(404, 'Product not found.');
    if (b.price === null) delete customer.priceOverrides[productId];
    else if (typeof b.price !== 'number' || !(b.price >= 0)) throw invalid('price', 'must be a number of at least 0, or null to remove.');
    else customer.priceOverrides[productId] = Math.round(b.price * 100) / 100;
    return { result: { customerId: customer.id, priceOverrides: { ...customer.priceOverrides } }, fired: [] };
  },
  /** Staff approve a pending sign-up: customer.updated with previousStatus PENDING. */
  'customer-approve': (core, b) => {
    const id = str(b, 'customerId');
    const current = core.store.customers.get(id);
    if (current && current.status !== 'PENDING') throw new ApiError(422, 'Only PENDING customers can be approved.');
    const { customer, fired } = updateCustomer(core, id, { status: 'ACTIVE' });
    return { result: customerView(customer), fired };
  },
  /** Staff edit a customer in the dashboard: customer.updated. */
  'customer-edit': (core, b) => {
    const { customerId: _id, ...rest } = b;
    const { customer, fired } = updateCustomer(core, str(b, 'customerId'), parseCustomerFields(rest, { requireEmail: false }));
    return { result: customerView(customer), fired };
  },
  /** Staff edit a product: product.updated (full), plus product.low_stock if stock drops into the band. */
  'product-edit': (core, b) => {
    const { productId: _id, ...rest } = b;
    const { product, fired } = editProduct(core, str(b, 'productId'), parseProductEdit(rest));
    return { result: productView(product), fired };
  },
  /** A manual stock adjustment by `delta` units (or to `stock`). */
  'stock-adjust': (core, b) => {
    const id = str(b, 'productId');
    if (b.stock !== undefined) {
      const { product, fired } = editProduct(core, id, parseProductEdit({ stock: b.stock }));
      return { result: productView(product), fired };
    }
    if (typeof b.delta !== 'number' || !Number.isInteger(b.delta)) throw invalid('delta', 'must be a whole number (or give stock).');
    const { product, fired } = adjustStock(core, id, b.delta);
    return { result: productView(product), fired };
  },
  'product-activate': (core, b) => {
    const { product, fired } = setProductActive(core, str(b, 'productId'), true);
    return { result: productView(product), fired };
  },
  'product-deactivate': (core, b) => {
    const { product, fired } = setProductActive(core, str(b, 'productId'), false);
    return { result: productView(product), fired };
  },
  /** Opens a return: `by: "staff"` (dashboard, actor staff, the default) or `"customer"` (storefront). */
  'return-open': (core, b) => {
    const by = b.by ?? 'staff';
    if (by !== 'staff' && by !== 'customer') throw invalid('by', 'must be staff or customer.');
    const items = b.items as ReturnItem[] | undefined;
    if (items !== undefined && !Array.isArray(items)) throw invalid('items', 'must be a list of {orderItemId, quantity}.');
    const { ret, fired } = openReturn(core, { orderId: str(b, 'orderId'), reason: String(b.reason ?? ''), items }, by);
    return { result: returnView(ret), fired };
  },
  'return-approve': (core, b) => {
    const { ret, fired } = approveReturn(core, str(b, 'returnId'));
    return { result: returnView(ret), fired };
  },
  'return-reject': (core, b) => {
    const { ret, fired } = rejectReturn(core, str(b, 'returnId'));
    return { result: returnView(ret), fired };
  },
  'return-receive': (core, b) => {
    const { ret, fired } = receiveReturn(core, str(b, 'returnId'), {
      goodUnits: b.goodUnits as number | undefined,
      damagedUnits: b.damagedUnits as number | undefined,
    });
    return { result: returnView(ret), fired };
  },
  /** Issues the refund: `method` CREDIT (default) or MANUAL, optional `amount` override. */
  'return-refund': (core, b) => {
    const { ret, refund, fired } = refundReturn(core, str(b, 'returnId'), {
      method: b.method as 'CREDIT' | 'MANUAL' | undefined,
      amount: b.amount as number | undefined,
    });
    return { result: { return: returnView(ret), refund: withoutSeq(refund) }, fired };
  },
  /** A subscription invoice is paid on Stripe: invoice.paid. */
  'invoice-paid': (core, b) => {
    const { invoice, fired } = payInvoice(core, {
      amountPaid: b.amountPaid as number | undefined,
      currency: b.currency as string | undefined,
    });
    return { result: withoutSeq(invoice), fired };
  },
};

/** POST /_sandbox/actions/:action → {result, fired:[{event, envelope, deliveries}]} after delivery. */
export function actionControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/actions', async () => ({ data: Object.keys(actions) }));

    app.post<{ Params: { action: string } }>('/actions/:action', async (request) => {
      const action = own(actions, request.params.action);
      if (!action) throw new ApiError(404, `Unknown action "${request.params.action}". Actions: ${Object.keys(actions).join(', ')}.`);
      const { result, fired } = action(core, optionalBody(request));
      return { result, fired: await settle(fired) };
    });

    app.get('/returns', async () => ({ data: newestFirst(core.store.returns.values()).map(returnView) }));
  };
}
