import type { Company } from './company';
import type { Fired } from '../outbound/emitter';
import { invalid, notFound, refused } from '../http/errors';
import * as payloads from '../outbound/payloads';
import type { Refund, RefundMethod, ReturnItem, ReturnRecord, ReturnStatus } from '../state/store';
import { nowIso } from '../state/time';
import { money } from './money';

// Returns and refunds have no REST endpoints at Distribu: the storefront and dashboard drive them,
// here through sandbox actions. Lifecycle (https://www.distribu.app/docs/orders/returns): REQUESTED → APPROVED | REJECTED;
// APPROVED → RECEIVED | REJECTED; RECEIVED → REFUNDED.

const NEXT: Record<ReturnStatus, readonly ReturnStatus[]> = {
  REQUESTED: ['APPROVED', 'REJECTED'],
  APPROVED: ['RECEIVED', 'REJECTED'],
  RECEIVED: ['REFUNDED'],
  REJECTED: [],
  REFUNDED: [],
};

export interface NewReturn {
  orderId: string;
  reason: string;
  /** Defaults to every line of the order, full quantity. */
  items?: ReturnItem[];
}

function find(company: Company, id: string): ReturnRecord {
  const found = company.store.returns.get(id);
  if (!found) throw notFound('Return');
  return found;
}

function move(r: ReturnRecord, to: ReturnStatus): void {
  if (!NEXT[r.status].includes(to)) throw refused(`Cannot change a return from ${r.status} to ${to}.`);
  r.status = to;
  r.updatedAt = nowIso();
}

/**
 * Opens a return on a shipped or delivered order of a customer; fires return.created with
 * `actor: "staff"` from the dashboard and without `actor` from the storefront.
 */
export function openReturn(company: Company, input: NewReturn, opener: 'staff' | 'customer'): { ret: ReturnRecord; fired: Fired[] } {
  const order = company.store.orders.get(input.orderId);
  if (!order) throw notFound('Order');
  if (!order.customerId) throw refused('Only orders of a customer can be returned.');
  if (order.status !== 'SHIPPED' && order.status !== 'DELIVERED') throw refused('Only shipped or delivered orders can be returned.');
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length < 3 || reason.length > 2000) throw invalid('reason', 'must be 3 to 2000 characters.');
  const items = input.items ?? order.items.map((i) => ({ orderItemId: i.id, quantity: i.quantity }));
  if (items.length === 0) throw invalid('items', 'at least one item is required.');
  for (const item of items) {
    const line = order.items.find((i) => i.id === item.orderItemId);
    if (!line) throw invalid('items', `${item.orderItemId} is not a line of this order.`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > line.quantity) {
      throw invalid('items', `quantity must be from 1 to ${line.quantity}.`);
    }
  }
  const ret: ReturnRecord = {
    ...company.store.stamp(),
    orderId: order.id,
    customerId: order.customerId,
    items,
    reason,
    status: 'REQUESTED',
    actor: opener === 'staff' ? 'staff' : null,
    goodUnits: null,
    damagedUnits: null,
  };
  company.store.returns.set(ret.id, ret);
  return { ret, fired: [company.emitter.emit('return.created', payloads.returnCreated(ret))] };
}

export function approveReturn(company: Company, id: string): { ret: ReturnRecord; fired: Fired[] } {
  const ret = find(company, id);
  move(ret, 'APPROVED');
  return { ret, fired: [company.emitter.emit('return.approved', payloads.returnApproved(ret))] };
}

/** Rejections fire nothing (no return.rejected event exists). */
export function rejectReturn(company: Company, id: string): { ret: ReturnRecord; fired: Fired[] } {
  const ret = find(company, id);
  move(ret, 'REJECTED');
  return { ret, fired: [] };
}

/** Records the received condition; fires nothing (no return.received event exists). */
export function receiveReturn(
  company: Company,
  id: string,
  condition: { goodUnits?: number; damagedUnits?: number } = {},
): { ret: ReturnRecord; fired: Fired[] } {
  const ret = find(company, id);
  const units = ret.items.reduce((sum, i) => sum + i.quantity, 0);
  const damaged = condition.damagedUnits ?? 0;
  const good = condition.goodUnits ?? units - damaged;
  if (!Number.isInteger(good) || !Number.isInteger(damaged) || good < 0 || damaged < 0 || good + damaged !== units) {
    throw invalid('goodUnits', `good and damaged units must add up to the ${units} returned.`);
  }
  move(ret, 'RECEIVED');
  ret.goodUnits = good;
  ret.damagedUnits = damaged;
  return { ret, fired: [] };
}

/** Issues the refund (credit note or manual) and fires refund.processed. */
export function refundReturn(
  company: Company,
  id: string,
  input: { method?: RefundMethod; amount?: number } = {},
): { ret: ReturnRecord; refund: Refund; fired: Fired[] } {
  const ret = find(company, id);
  const method = input.method ?? 'CREDIT';
  if (method !== 'CREDIT' && method !== 'MANUAL') throw invalid('method', 'must be CREDIT or MANUAL.');
  if (input.amount !== undefined && (typeof input.amount !== 'number' || !(input.amount >= 0))) {
    throw invalid('amount', 'must be a number of at least 0.');
  }
  const order = company.store.orders.get(ret.orderId)!;
  const subtotal = money(
    ret.items.reduce((sum, i) => sum + i.quantity * (order.items.find((l) => l.id === i.orderItemId)?.unitPrice ?? 0), 0),
  );
  move(ret, 'REFUNDED');
  const refund: Refund = {
    ...company.store.stamp(),
    returnId: ret.id,
    orderId: ret.orderId,
    customerId: ret.customerId,
    amount: money(input.amount ?? subtotal),
    method,
    breakdown: { goodUnits: ret.goodUnits ?? 0, damagedUnits: ret.damagedUnits ?? 0, subtotal },
  };
  company.store.refunds.set(refund.id, refund);
  return { ret, refund, fired: [company.emitter.emit('refund.processed', payloads.refundProcessed(refund))] };
}

export function returnView(r: ReturnRecord) {
  const { seq: _seq, ...rest } = r;
  return rest;
}
