import { createCustomer, getCustomer, getManyCustomers, updateCustomer, upsertCustomer } from './customers';
import { createOrder, getManyOrders, getOrder, updateOrderStatus } from './orders';
import { getManyProducts, getProduct } from './products';
import { customersReport, inventoryReport, salesReport } from './reports';

export * from './define';

/**
 * Every operation the connectors offer (the write side's single source of truth, as `catalog` is
 * for events). Everything operation-specific (the runtime view, JSON Schemas, docs, n8n and Zapier
 * fields) is generated from this list; adding an operation is one entry here and `npm run generate`.
 */
export const operations = [
  createOrder,
  getOrder,
  getManyOrders,
  updateOrderStatus,
  createCustomer,
  getCustomer,
  getManyCustomers,
  updateCustomer,
  upsertCustomer,
  getProduct,
  getManyProducts,
  salesReport,
  customersReport,
  inventoryReport,
] as const;

export type OperationEntry = (typeof operations)[number];

/** `order.create`: resource and operation. */
export function operationKey(entry: { resource: string; operation: string }): string {
  return `${entry.resource}.${entry.operation}`;
}
