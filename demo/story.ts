import type { SandboxClient } from '../sandbox/src/client';

export interface Step {
  /** What a person would see happen in Distribu. */
  says: string;
  /** The events Distribu fires for it, per its docs. */
  fires: string[];
  run(): Promise<void>;
}

type Rec = { id: string } & Record<string, any>;

/**
 * A morning at a small distributor, told through real state changes: REST calls where Distribu
 * has an API, sandbox actions where Distribu has only its storefront or dashboard. Together they
 * fire each of the twelve events at least once.
 */
export function story(sandbox: SandboxClient): Step[] {
  const state: { customer?: Rec; apiOrder?: Rec; storefrontOrder?: Rec; ret?: Rec; lowStock?: Rec; product?: Rec } = {};
  const need = <K extends keyof typeof state>(key: K): Rec => {
    const value = state[key];
    if (!value) throw new Error(`the story lost its ${key}`);
    return value;
  };
  const data = <T>(response: { data: T }) => response.data;

  return [
    {
      says: 'A café signs up on the storefront',
      fires: ['customer.created'],
      run: async () => {
        state.customer = (await sandbox.control('POST', '/actions/customer-signup', { email: 'orders@maplecafe.example', name: 'Maple Café' })).result;
      },
    },
    {
      says: 'Staff set its credit limit through the API',
      fires: ['customer.updated'],
      run: async () => {
        await sandbox.api('PATCH', `/customers/${need('customer').id}`, { creditLimit: 2500 });
      },
    },
    {
      says: 'An ERP places an order through the API (it takes chai syrup down to low stock)',
      fires: ['order.created', 'product.low_stock'],
      run: async () => {
        const products = data<Rec[]>(await sandbox.api('GET', '/products?limit=100'));
        state.lowStock = products.find((p) => typeof p.stock === 'number' && p.stock > 5 && p.stock <= 8);
        if (!state.lowStock) throw new Error('no product close to its low-stock threshold in the demo data');
        state.apiOrder = data<Rec>(
          await sandbox.api('POST', '/orders', {
            customerId: need('customer').id,
            poNumber: 'PO-2026-0042',
            items: [{ productId: state.lowStock.id, quantity: state.lowStock.stock - 4 }],
          }),
        );
      },
    },
    {
      says: 'The café orders again on the storefront',
      fires: ['order.created'],
      run: async () => {
        state.storefrontOrder = (await sandbox.control('POST', '/actions/storefront-order', { customerId: need('customer').id })).result;
      },
    },
    {
      says: 'The API order is confirmed',
      fires: ['order.status_changed'],
      run: async () => {
        await sandbox.api('PATCH', `/orders/${need('apiOrder').id}`, { status: 'CONFIRMED' });
      },
    },
    {
      says: 'It ships with UPS tracking',
      fires: ['order.status_changed', 'order.shipped'],
      run: async () => {
        await sandbox.api('PATCH', `/orders/${need('apiOrder').id}`, { status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z 999 AA1 01234 56784' } });
      },
    },
    {
      says: 'The storefront order is cancelled',
      fires: ['order.status_changed', 'order.cancelled'],
      run: async () => {
        await sandbox.api('PATCH', `/orders/${need('storefrontOrder').id}`, { status: 'CANCELLED' });
      },
    },
    {
      says: 'The café opens a return for two damaged bottles',
      fires: ['return.created'],
      run: async () => {
        state.ret = (await sandbox.control('POST', '/actions/return-open', { orderId: need('apiOrder').id, reason: 'Two bottles arrived cracked.', by: 'customer' })).result;
      },
    },
    {
      says: 'Staff approve the return',
      fires: ['return.approved'],
      run: async () => {
        await sandbox.control('POST', '/actions/return-approve', { returnId: need('ret').id });
      },
    },
    {
      says: 'The parcel comes back and is refunded as a credit note',
      fires: ['refund.processed'],
      run: async () => {
        await sandbox.control('POST', '/actions/return-receive', { returnId: need('ret').id });
        await sandbox.control('POST', '/actions/return-refund', { returnId: need('ret').id, method: 'CREDIT' });
      },
    },
    {
      says: 'A product gets a new price in the dashboard',
      fires: ['product.updated'],
      run: async () => {
        const products = data<Rec[]>(await sandbox.api('GET', '/products?active=true&limit=100'));
        state.product = products.find((p) => p.id !== state.lowStock?.id) ?? products[0];
        await sandbox.control('POST', '/actions/product-edit', { productId: need('product').id, price: Number((need('product').price * 1.05).toFixed(2)) });
      },
    },
    {
      says: 'Then it is deactivated',
      fires: ['product.updated'],
      run: async () => {
        await sandbox.control('POST', '/actions/product-deactivate', { productId: need('product').id });
      },
    },
    {
      says: "The distributor's own Distribu subscription renews",
      fires: ['invoice.paid'],
      run: async () => {
        await sandbox.control('POST', '/actions/invoice-paid', {});
      },
    },
  ];
}
