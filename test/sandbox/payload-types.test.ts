import { deliverySchema, type EventData } from '@distribu/shared/schemas';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import type { Emitter } from '../../sandbox/src/outbound/emitter';

// `emitter.emit` and the payload builders take the catalog's `EventData<N>`. The drifts below are
// compile errors; `tsc` (npm run typecheck) fails on an unused `@ts-expect-error`, so if the types
// ever loosened (back to `Record<string, unknown>`), the typecheck would fail here.

const paid: EventData<'invoice.paid'> = {
  stripeInvoiceId: 'in_1Q2w3E4r5T6y',
  amountPaid: 49,
  currency: 'usd',
  hostedInvoiceUrl: null,
  number: 'DSTR-0001',
  periodStart: '2026-04-01T00:00:00.000Z',
  periodEnd: '2026-05-01T00:00:00.000Z',
};
const shipped: EventData<'order.shipped'> = {
  id: 'clx9k2m4p0001qz8rt6vb3n7d',
  previousStatus: 'CONFIRMED',
  total: 131.25,
  customerId: 'clx9jz1aa0000qz8r4h5kd2wm',
  tracking: { carrier: 'UPS', number: '1Z999AA10123456784', url: null },
};

// Never called: only compiled.
export function drifts(emitter: Emitter): void {
  // @ts-expect-error a documented field missing
  emitter.emit('invoice.paid', { stripeInvoiceId: 'in_1', amountPaid: 49, currency: 'usd' });
  // @ts-expect-error a field of the wrong type
  emitter.emit('invoice.paid', { ...paid, amountPaid: '49.00' });
  // @ts-expect-error order.shipped always carries tracking
  emitter.emit('order.shipped', { ...shipped, tracking: null });
  // @ts-expect-error a carrier the catalog does not list
  emitter.emit('order.shipped', { ...shipped, tracking: { carrier: 'ROYAL_MAIL', number: 'RM1', url: null } });
  // @ts-expect-error a status the catalog does not list
  emitter.emit('order.status_changed', { id: 'o', status: 'PACKED', previousStatus: 'CONFIRMED', total: 1, customerId: null, tracking: null });
  // @ts-expect-error one event's payload under another event's name
  emitter.emit('order.cancelled', paid);
}

// A payload builder is typed the same way: one whose shape drifts does not compile.
// @ts-expect-error `total` as a string, `customerId` missing
export const driftingBuilder = (): EventData<'order.cancelled'> => ({ id: 'o', previousStatus: 'SUBMITTED', total: '1.00' });

describe('typed emit', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: false });
  });
  afterAll(() => sb.close());

  it('sends a documented payload as given, and it parses with the catalog schema', async () => {
    for (const [event, data] of [
      ['invoice.paid', paid],
      ['order.shipped', shipped],
    ] as const) {
      const fired = sb.core.emitter.emit(event, data);
      expect(await fired.deliveries).toEqual([]); // no webhook registered
      expect(fired.envelope.data).toEqual(data);
      expect(deliverySchema(event).safeParse(fired.envelope).success).toBe(true);
    }
  });
});
