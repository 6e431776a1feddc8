import fc from 'fast-check';
import { events, eventId, IN_PLACE_BODY_LENGTH, normalizeDelivery, parseEnvelope, toTriggerItem } from '@distribu/shared/runtime';
import docs from '../fixtures/distribu-docs-payloads.json';
import { expectedNames, ruleViolations } from './support/normalization-rule';

const documented = [...docs.verbatim, ...docs.described.map((d) => d.envelope)];
const ID_KEYS: Record<string, string> = { order: 'orderId', customer: 'customerId', product: 'productId', return: 'returnId', refund: 'refundId' };

function normalize(envelope: unknown) {
  const result = normalizeDelivery(JSON.stringify(envelope));
  if (!result.ok) throw new Error(result.message);
  return result.item;
}

describe('normalizeDelivery', () => {
  it.each(documented.map((e, i) => [`${e.event} #${i}`, e] as const))(
    "keeps every field of Distribu's documented payload %s, with data.id under its named key",
    (_, envelope) => {
      const item = normalize(envelope);
      const data = envelope.data as Record<string, unknown>;
      expect(item.event).toBe(envelope.event);
      expect(item.timestamp).toBe(envelope.timestamp);
      expect(item.id).toMatch(/^evt_[0-9a-f]{32}$/);
      const resource = envelope.event.split('.')[0]!;
      const idKey = ID_KEYS[resource];
      if (idKey) expect(item[idKey]).toBe(data.id);
      for (const [key, value] of Object.entries(data)) {
        if (key === 'id') continue;
        expect([key, item[key]]).toEqual([key, value]);
      }
    },
  );

  it('moves each resource id to its named key and keeps stripeInvoiceId for invoice.paid', () => {
    const byEvent = Object.fromEntries(docs.verbatim.map((e) => [e.event, e]));
    expect(normalize(byEvent['refund.processed']).refundId).toBe('clxxrefund1...');
    expect(normalize(byEvent['refund.processed']).returnId).toBe('clxxreturn1...');
    expect(normalize(byEvent['return.approved']).returnId).toBe('clxxreturn1...');
    const invoice = normalize(byEvent['invoice.paid']);
    expect(invoice.stripeInvoiceId).toBe('in_1PqA2bB...');
    expect(Object.keys(invoice)).not.toContain('resourceId');
  });

  it('gives the same id to an exact replay and different ids to different deliveries', () => {
    const body = JSON.stringify(docs.verbatim[0]);
    expect(normalizeDelivery(body)).toEqual(normalizeDelivery(body));
    const other = JSON.stringify({ ...docs.verbatim[0], timestamp: '2026-04-16T14:22:00.001Z' });
    expect(eventId(other)).not.toBe(eventId(body));
  });

  it('tells the two order.created shapes apart with `source`, and gives both an itemCount', () => {
    const [storefront, api] = docs.verbatim.filter((e) => e.event === 'order.created');
    expect(normalize(storefront)).toMatchObject({ source: 'storefront', itemCount: 2 });
    expect(normalize(api)).toMatchObject({ source: 'api', itemCount: 1 });
  });

  it('flags the light product.updated payload', () => {
    const full = docs.verbatim.find((e) => e.event === 'product.updated')!;
    const light = docs.described.find((d) => d.envelope.event === 'product.updated')!.envelope;
    expect(normalize(full).updateType).toBe('details');
    expect(normalize(light).updateType).toBe('activation');
  });

  it('keeps the source customer.created already carries', () => {
    for (const e of docs.verbatim.filter((e) => e.event === 'customer.created')) {
      expect(normalize(e).source).toBe((e.data as { source: string }).source);
    }
  });

  it('never throws on an unknown event and keeps its fields, id as resourceId', () => {
    const item = normalize({ event: 'product.created', timestamp: '2026-05-01T00:00:00.000Z', data: { id: 'p1', sku: 'X' } });
    expect(item).toMatchObject({ event: 'product.created', resourceId: 'p1', sku: 'X' });
  });

  it('keeps a payload field that clashes with an envelope field under a data- name', () => {
    const item = normalize({ event: 'order.cancelled', timestamp: '2026-05-01T00:00:00.000Z', data: { id: 'o', event: 'x', timestamp: 't' } });
    expect(item).toMatchObject({ event: 'order.cancelled', dataEvent: 'x', dataTimestamp: 't', orderId: 'o' });
  });

  it('orders the keys as documented, with and without a clash: own keys, payload keys in order, then computed ones', () => {
    const plain = normalize({ event: 'order.created', timestamp: 't', data: { b: 1, id: 'o', a: 2, items: [1] } });
    expect(Object.keys(plain)).toEqual(['id', 'event', 'timestamp', 'orderId', 'b', 'a', 'items', 'itemCount', 'source']);
    const clash = normalize({ event: 'order.created', timestamp: 't', data: { b: 1, id: 'o', event: 'x', a: 2, items: [1] } });
    expect(Object.keys(clash)).toEqual(['id', 'event', 'timestamp', 'orderId', 'b', 'dataEvent', 'a', 'items', 'itemCount', 'source']);
    expect(plain.id).toMatch(/^evt_[0-9a-f]{32}$/);
  });

  it('gives a body over 1 MiB the same keys and values, its own keys after the payload keys', () => {
    const data = { b: 1, id: 'o', a: 2, items: [1], padding: 'x'.repeat(IN_PLACE_BODY_LENGTH) };
    const big = normalize({ event: 'order.created', timestamp: 't', data });
    expect(Object.keys(big)).toEqual(['b', 'a', 'items', 'padding', 'id', 'event', 'timestamp', 'orderId', 'itemCount', 'source']);
    expect(big).toMatchObject({ b: 1, a: 2, items: [1], orderId: 'o', itemCount: 1, source: 'api', event: 'order.created', timestamp: 't' });
    expect(big.id).toMatch(/^evt_[0-9a-f]{32}$/);
    // A clash still renames, through the copy.
    const clash = normalize({ event: 'order.created', timestamp: 't', data: { ...data, event: 'x' } });
    expect(Object.keys(clash).slice(0, 4)).toEqual(['id', 'event', 'timestamp', 'orderId']);
    expect(clash.dataEvent).toBe('x');
  });

  it('keeps payload keys that look like Object members as plain fields', () => {
    const body = '{"event":"order.cancelled","timestamp":"t","data":{"id":"o","__proto__":{"polluted":true},"toString":"x","constructor":1}}';
    const result = normalizeDelivery(body);
    if (!result.ok) throw new Error(result.message);
    expect(Object.getPrototypeOf(result.item)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result.item, '__proto__')?.value).toEqual({ polluted: true });
    expect(result.item).toMatchObject({ toString: 'x', constructor: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers bad bodies with a reason instead of throwing', () => {
    expect(normalizeDelivery('not json')).toEqual({ ok: false, message: 'The delivery body is not valid JSON.' });
    expect(normalizeDelivery('[1]').ok).toBe(false);
    expect(normalizeDelivery('{"data":{}}')).toEqual({ ok: false, message: 'The delivery has no event name.' });
    expect(parseEnvelope(Buffer.from('{"event":"order.created"}'))).toMatchObject({ ok: true, envelope: { data: {} } });
  });

  it('keeps a payload key that collides with a rename under the next free data- name', () => {
    const item = normalize({ event: 'order.cancelled', timestamp: 't', data: { id: 'o', dataEvent: 'a', event: 'b', dataDataEvent: 'c' } });
    expect(item).toMatchObject({ event: 'order.cancelled', dataEvent: 'a', dataDataEvent: 'c', dataDataDataEvent: 'b' });
    // The item's own fields win over the payload's: resource id key, discriminator, derived count.
    const created = normalize({
      event: 'order.created',
      timestamp: 't',
      data: { id: 'o1', orderId: 'x', source: 'pos', items: [1, 2], itemCount: 9, dataItemCount: 8 },
    });
    expect(created).toMatchObject({ orderId: 'o1', dataOrderId: 'x', source: 'api', dataSource: 'pos', itemCount: 2, dataDataItemCount: 9, dataItemCount: 8 });
    // Without a resource id key, data.id is a payload field like any other.
    expect(normalize({ event: 'invoice.paid', timestamp: 't', data: { id: 'i', dataId: 'd' } })).toMatchObject({ dataId: 'd', dataDataId: 'i' });
  });

  describe('property: every payload key survives, under exactly one item key', () => {
    const tricky = [
      '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', 'id', 'event', 'timestamp',
      'dataId', 'dataEvent', 'dataDataEvent', 'dataTimestamp', 'Event', 'resourceId', 'dataResourceId', 'orderId', 'dataOrderId',
      'productId', 'refundId', 'returnId', 'customerId', 'source', 'dataSource', 'itemCount', 'dataItemCount', 'items', 'updateType',
      'dataUpdateType', 'price', '0', '1e3',
    ];
    const key = fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 8 }), fc.constantFrom(...tricky).map((k) => `data${k}`));
    const pairs = fc.uniqueArray(fc.tuple(key, fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.integer(), { maxLength: 3 }))), {
      selector: ([k]) => k,
      maxLength: 25,
    });
    it.each([...events.map((e) => e.name), 'future.event'])('%s', (event) => {
      fc.assert(
        fc.property(pairs, (entries) => {
          const body = `{"event":${JSON.stringify(event)},"timestamp":"2026-01-01T00:00:00.000Z","data":{${entries
            .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
            .join(',')}}}`;
          const data = JSON.parse(body).data as Record<string, unknown>;
          const result = normalizeDelivery(body);
          if (!result.ok) throw new Error(result.message);
          const item = result.item;
          // Exactly one place each: the item holds the own keys and the payload keys' names, nothing else.
          expect(ruleViolations(item, event, data)).toEqual([]);
          expect(Object.keys(item)).toHaveLength(expectedNames(event, data).reserved.length + expectedNames(event, data).names.size);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          // The path a body over IN_PLACE_BODY_LENGTH takes (the payload object becomes the item) keeps the same rule.
          const parsed = parseEnvelope(body);
          if (!parsed.ok) throw new Error(parsed.message);
          const inPlace = toTriggerItem(parsed.envelope, item.id, undefined, { inPlace: true });
          expect(ruleViolations(inPlace, event, data)).toEqual([]);
          expect(inPlace).toEqual(item);
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('sample items', () => {
  it.each(events.map((e) => [e.name, e] as const))('%s: the sample is a normalized sample delivery with only the keys every variant carries', (_, e) => {
    const items = e.samples.map((s) => normalize(s.envelope));
    const everywhere = (key: string) => Object.values(e.variantKeys).every((keys) => keys.includes(key));
    const source = items.find((item) => item.id === e.sample.id) ?? items[0]!;
    expect(e.sample).toEqual(Object.fromEntries(Object.entries(source).filter(([key]) => everywhere(key))));
    // Every sample delivery carries every key of the sample (Zapier: sample keys in every response).
    for (const item of items) for (const key of Object.keys(e.sample)) expect(item).toHaveProperty([key]);
    expect(Object.keys(e.variantKeys).sort()).toEqual([...e.variants].sort());
  });
});
