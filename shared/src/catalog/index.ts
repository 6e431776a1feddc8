import { invoicePaid } from './billing';
import { customerCreated, customerUpdated } from './customers';
import { orderCancelled, orderCreated, orderShipped, orderStatusChanged } from './orders';
import { productLowStock, productUpdated } from './products';
import { refundProcessed, returnApproved, returnCreated } from './returns';

export * from './define';
/** The documented enums, for code that models Distribu's records (the sandbox). */
export { carrier, customerStatus, orderStatus } from './fields';
/** Order statuses, transitions, carriers and the low-stock cutoff: one home, zod-free (the runtime's). */
export * from '../runtime/order-rules';

/**
 * Distribu's twelve webhook events: the single source of truth. Everything event-specific
 * (triggers, samples, output fields, JSON Schemas, docs) is generated from this list;
 * adding an event means adding an entry here and running `npm run generate`.
 */
export const catalog = [
  orderCreated,
  orderStatusChanged,
  orderShipped,
  orderCancelled,
  customerCreated,
  customerUpdated,
  productUpdated,
  productLowStock,
  invoicePaid,
  returnCreated,
  returnApproved,
  refundProcessed,
] as const;

export type CatalogEntry = (typeof catalog)[number];
export type EventName = CatalogEntry['name'];
