import type { Company } from './company';
import type { Fired } from '../outbound/emitter';
import { invalid, notFound, refused } from '../http/errors';
import * as payloads from '../outbound/payloads';
import type { Customer, CustomerStatus } from '../state/store';
import { nowIso } from '../state/time';
import { money } from './money';

/** The API sets ACTIVE or BLOCKED; PENDING exists for storefront sign-ups awaiting approval. */
export const API_CUSTOMER_STATUSES: readonly CustomerStatus[] = ['ACTIVE', 'BLOCKED'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type CustomerFields = Partial<
  Pick<Customer, 'email' | 'name' | 'status' | 'notes' | 'creditLimit' | 'taxRateOverride'>
>;

/** Validates customer fields with Distribu's data-model limits; `requireEmail` for creation. */
export function parseCustomerFields(body: Record<string, unknown>, options: { requireEmail: boolean }): CustomerFields {
  const out: CustomerFields = {};
  if (body.email !== undefined || options.requireEmail) {
    if (typeof body.email !== 'string' || !EMAIL.test(body.email.trim()) || body.email.trim().length > 254) {
      throw invalid('email', 'must be a valid email address of at most 254 characters.');
    }
    out.email = body.email.trim().toLowerCase();
  }
  if (body.name !== undefined) {
    if (body.name !== null && (typeof body.name !== 'string' || body.name.length > 100)) {
      throw invalid('name', 'must be a string of at most 100 characters, or null.');
    }
    out.name = body.name as string | null;
  }
  if (body.status !== undefined) {
    if (!API_CUSTOMER_STATUSES.includes(body.status as CustomerStatus)) throw invalid('status', 'must be ACTIVE or BLOCKED.');
    out.status = body.status as CustomerStatus;
  }
  if (body.notes !== undefined) {
    if (body.notes !== null && (typeof body.notes !== 'string' || body.notes.length > 2000)) {
      throw invalid('notes', 'must be a string of at most 2000 characters, or null.');
    }
    out.notes = body.notes as string | null;
  }
  if (body.creditLimit !== undefined) {
    if (body.creditLimit !== null && (typeof body.creditLimit !== 'number' || !(body.creditLimit >= 0))) {
      throw invalid('creditLimit', 'must be a number of at least 0, or null.');
    }
    out.creditLimit = body.creditLimit === null ? null : money(body.creditLimit as number);
  }
  if (body.taxRateOverride !== undefined) {
    const t = body.taxRateOverride;
    if (t !== null && (typeof t !== 'number' || !(t >= 0 && t <= 0.3))) {
      throw invalid('taxRateOverride', 'must be a fraction from 0 to 0.3, or null.');
    }
    out.taxRateOverride = t as number | null;
  }
  return out;
}

function assertEmailFree(company: Company, email: string, exceptId?: string): void {
  for (const c of company.store.customers.values()) {
    if (c.email === email && c.id !== exceptId) throw refused('A customer with this email already exists.');
  }
}

/**
 * Creates a customer. `api` (POST /api/v1/customers) and `storefront` (self-registration) fire
 * customer.created in their own shapes; staff in the dashboard fire nothing (documented).
 */
export function createCustomer(
  company: Company,
  fields: CustomerFields & { email: string; emailVerified?: boolean },
  source: 'api' | 'storefront' | 'dashboard',
): { customer: Customer; fired: Fired[] } {
  assertEmailFree(company, fields.email);
  const customer: Customer = {
    ...company.store.stamp(),
    email: fields.email,
    name: fields.name ?? null,
    status: fields.status ?? 'ACTIVE',
    notes: fields.notes ?? null,
    creditLimit: fields.creditLimit ?? null,
    taxRateOverride: fields.taxRateOverride ?? null,
    emailVerified: fields.emailVerified ?? false,
    priceOverrides: {},
  };
  company.store.customers.set(customer.id, customer);
  const fired: Fired[] = [];
  if (source === 'api') fired.push(company.emitter.emit('customer.created', payloads.customerCreatedApi(customer)));
  if (source === 'storefront') {
    fired.push(company.emitter.emit('customer.created', payloads.customerCreatedStorefront(customer, company.storeSlug)));
  }
  return { customer, fired };
}

/** Applies changes; fires customer.updated only if something actually changed. */
export function updateCustomer(company: Company, id: string, fields: CustomerFields): { customer: Customer; fired: Fired[] } {
  const customer = company.store.customers.get(id);
  if (!customer) throw notFound('Customer');
  if (fields.email !== undefined) assertEmailFree(company, fields.email, id);
  const previousStatus = customer.status;
  let changed = false;
  for (const [key, value] of Object.entries(fields) as Array<[keyof CustomerFields, unknown]>) {
    if (value === undefined || customer[key] === value) continue;
    (customer as unknown as Record<string, unknown>)[key] = value;
    changed = true;
  }
  if (!changed) return { customer, fired: [] };
  customer.updatedAt = nowIso();
  return { customer, fired: [company.emitter.emit('customer.updated', payloads.customerUpdated(customer, previousStatus))] };
}
