/** Realistic delivery bodies built from the catalog's own samples (the single source of truth). */
import { getEvent } from '@distribu/shared/runtime';

function sampleEnvelope(event: string): { event: string; timestamp: string; data: Record<string, unknown> } {
  const envelope = getEvent(event)?.samples[0]?.envelope;
  if (!envelope) throw new Error(`The catalog has no sample for ${event}.`);
  return structuredClone(envelope) as { event: string; timestamp: string; data: Record<string, unknown> };
}

/** The catalog's order.created sample as Distribu sends it (compact JSON). */
export function smallOrderBody(): string {
  return JSON.stringify(sampleEnvelope('order.created'));
}

/** order.created with `lineItems` line items, each a variation of the sample's first item. */
export function largeOrderBody(lineItems = 100): string {
  const envelope = sampleEnvelope('order.created');
  const items = envelope.data.items as Array<Record<string, unknown>>;
  const template = items[0]!;
  envelope.data.items = Array.from({ length: lineItems }, (_, i) => ({
    ...template,
    id: `clx9k2m4p${String(i).padStart(4, '0')}qz8rxq1c8v0e`,
    quantity: 1 + (i % 12),
    productName: `${String(template.productName)} ${i + 1}`,
    productSku: `WDG-${String(i + 1).padStart(3, '0')}`,
  }));
  envelope.data.total = (envelope.data.items as Array<{ quantity: number; unitPrice: number }>).reduce(
    (sum, item) => sum + item.quantity * item.unitPrice,
    0,
  );
  return JSON.stringify(envelope);
}

/** A fresh body per request: the catalog sample with its own id and the current time (inside any replay window). */
export function freshBody(event: string, n: number): string {
  const envelope = sampleEnvelope(event);
  envelope.timestamp = new Date().toISOString();
  envelope.data.id = `bench${String(n).padStart(20, '0')}`;
  return JSON.stringify(envelope);
}

/** The headers n8n hands a trigger (lower-case, as Node parses them), signature last. */
export function n8nHeaders(body: string, signature: string): Record<string, string> {
  return {
    host: '127.0.0.1:5678',
    'user-agent': 'Distribu-Webhooks/1.0',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    accept: '*/*',
    'accept-encoding': 'gzip, deflate',
    connection: 'keep-alive',
    'x-forwarded-for': '10.0.0.1',
    'x-webhook-event': 'order.created',
    'x-webhook-signature': signature,
  };
}
