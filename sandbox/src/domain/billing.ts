import { randomBytes } from 'node:crypto';
import type { Company } from './company';
import type { Fired } from '../outbound/emitter';
import { invalid } from '../http/errors';
import * as payloads from '../outbound/payloads';
import type { Invoice } from '../state/store';
import { money } from './money';

/**
 * A Stripe invoice of the company's own Distribu subscription succeeds (sign-up, renewal): the
 * next monthly period after the last paid one. Fires invoice.paid.
 */
export function payInvoice(company: Company, input: { amountPaid?: number; currency?: string } = {}): { invoice: Invoice; fired: Fired[] } {
  if (input.amountPaid !== undefined && (typeof input.amountPaid !== 'number' || !(input.amountPaid >= 0))) {
    throw invalid('amountPaid', 'must be a number of at least 0.');
  }
  const { invoices } = company.store;
  const last = [...invoices.values()].at(-1);
  const start = last ? new Date(last.periodEnd) : firstOfMonth(new Date());
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const stripeId = `in_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
  const invoice: Invoice = {
    ...company.store.stamp(),
    stripeInvoiceId: stripeId,
    amountPaid: money(input.amountPaid ?? 49),
    currency: (input.currency ?? 'usd').toLowerCase(),
    hostedInvoiceUrl: `https://invoice.stripe.com/i/acct_sandbox/${stripeId}`,
    number: `DISTRIBU-${String(invoices.size + 1).padStart(6, '0')}`,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
  };
  invoices.set(invoice.id, invoice);
  return { invoice, fired: [company.emitter.emit('invoice.paid', payloads.invoicePaid(invoice))] };
}

function firstOfMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}
