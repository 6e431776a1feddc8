// Stands in for Zapier's server-side integration checks that `validate --without-style` does not
// run (https://docs.zapier.com/platform/publish/integration-checks-reference): D003, D006, D012, D018, D021, D023, D024, plus key = object key,
// and the listing rules a reviewer applies: trigger labels "New <Noun>" / "Updated <Noun>" / "<Noun> <past tense>"
// (https://zapier.com/developer/documentation/v2/triggers/ names triggers like "New Contact"), help texts without
// API calls, "Event ID" beside the record IDs, a narrowing input on generic update triggers, sample keys that every
// delivery carries (T004/T006; proven against live deliveries in variants.e2e.test.ts), and a test step that says
// when it shows sample data.
import { distribuZapierHost } from '@distribu/shared/providers/distribu/zapier';
import { scopesOf } from '../../zapier/src/provider/scopes';
import { events, normalizeDelivery } from '@distribu/shared/runtime';
import { App, trigger } from './support/app-tester';

const { required: requiredScopes } = scopesOf(distribuZapierHost);

// The hidden dropdown triggers (dropdowns.e2e.test.ts) are not event triggers.
const triggers = Object.fromEntries(Object.entries(App.triggers as Record<string, any>).filter(([, t]) => !t.display.hidden));
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

/** Values at a Zapier output key in the sample: `a__b` nests, `items[]x` maps over a list. */
function valuesAt(sample: unknown, key: string): unknown[] {
  const [head, ...rest] = key.split('[]');
  let values: unknown[] = [sample];
  for (const part of head!.split('__')) values = values.map((v) => (v && typeof v === 'object' ? (v as any)[part] : undefined));
  if (rest.length === 0) return values;
  const child = rest.join('[]');
  return values.flatMap((list) => (Array.isArray(list) ? list.flatMap((entry) => valuesAt(entry, child)) : [undefined]));
}

function typeMatches(type: string | undefined, value: unknown): boolean {
  if (value === null || value === undefined || type === undefined) return true;
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && ISO_WITH_ZONE.test(value);
    default:
      return false;
  }
}

function walk(value: unknown, visit: (key: string, v: unknown) => void, key = ''): void {
  visit(key, value);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, `${key}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, key ? `${key}.${k}` : k);
}

describe('Zapier integration-check conventions', () => {
  test('one trigger per catalog event, keyed by the event key (key = object key)', () => {
    expect(Object.keys(triggers).sort()).toEqual(events.map((e) => e.key).sort());
    expect(Object.keys(triggers)).toHaveLength(12);
    for (const [objectKey, t] of Object.entries(triggers)) {
      expect(t.key).toBe(objectKey);
      expect(objectKey).toMatch(/^[a-z]+(_[a-z]+)+$/);
    }
  });

  test('D003: a connection label is set, from what the connection test returns (the host, see connection-label.test.ts)', () => {
    const label = App.authentication!.connectionLabel;
    expect(typeof label).toBe('string');
    expect(label).toBe('{{label}}');
  });

  test.each(events.map((e) => [e.key, e] as const))('%s: label, noun and description follow D018/D021 and the catalog', (key, event) => {
    const t = triggers[key];
    expect(t.noun).toBe(event.noun);
    expect(t.noun).toMatch(/^[A-Z][a-z]+$/); // one singular word; Zapier pluralises it
    expect(t.noun.endsWith('s')).toBe(false);
    expect(t.display.label).toBe(event.label);
    expect(t.display.label.length).toBeLessThanOrEqual(64);
    // Zapier's naming: "New Order", "Updated Customer", "Order Shipped", "Product Stock Ran Low".
    const { noun } = event;
    const pastTense = /\b([A-Z][a-z]+ed|Paid|Ran)\b/;
    expect(
      t.display.label === `New ${noun}` ||
        t.display.label === `Updated ${noun}` ||
        (t.display.label.startsWith(`${noun} `) && pastTense.test(t.display.label.slice(noun.length))),
    ).toBe(true);
    expect(t.display.label).not.toMatch(/\bCreated$/); // a created record is "New <Noun>"
    // D018: Title Case
    for (const word of t.display.label.split(' ')) {
      if (!SMALL_WORDS.has(word)) expect(word[0]).toBe(word[0]!.toUpperCase());
    }
    // D021: "Triggers when ... ." and no app name
    expect(t.display.description).toBe(event.description);
    expect(t.display.description).toMatch(/^Triggers when .+\.$/);
    expect(t.display.description).not.toMatch(/Distribu/);
    expect(t.display.description.length).toBeLessThanOrEqual(1000);
  });

  test('D007: every URL in the definition is HTTPS', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { prepareApp } = require('zapier-platform-core/src/tools/schema');
    const definition = JSON.stringify(prepareApp(App));
    const urls = definition.match(/https?:\/\/[^\s"')\\]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  test('order_created says that dashboard-created orders never fire it', () => {
    expect(triggers.order_created.display.description).toMatch(/dashboard.*never/i);
  });

  test.each(events.map((e) => [e.key] as const))('%s: a REST hook with all four methods (D006, no static hook D016/D017)', (key) => {
    const op = triggers[key].operation;
    expect(op.type).toBe('hook');
    for (const m of ['perform', 'performList', 'performSubscribe', 'performUnsubscribe']) expect(typeof op[m]).toBe('function');
  });

  test('each trigger has its own function objects (appTester resolves methods by identity)', () => {
    const seen = new Set<unknown>();
    for (const t of Object.values(triggers)) {
      for (const m of ['perform', 'performList', 'performSubscribe', 'performUnsubscribe']) {
        expect(seen.has(t.operation[m])).toBe(false);
        seen.add(t.operation[m]);
      }
    }
  });

  test.each(events.map((e) => [e.key, e] as const))('%s: D012 static sample from the catalog, with a unique event id', (key, event) => {
    const op = trigger(key);
    expect(op.sample).toEqual({ ...event.sample, itemSource: 'sample' });
    expect(op.sample.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(op.sample.event).toBe(event.name);
    if (event.idKey) expect(typeof op.sample[event.idKey]).toBe('string');
  });

  test.each(events.map((e) => [e.key] as const))('%s: D023 every date-like sample value is ISO 8601 with a time zone', (key) => {
    let dates = 0;
    walk(trigger(key).sample, (path, value) => {
      if (/(At|timestamp|Start|End)$/.test(path) && value !== null) {
        dates += 1;
        expect(value).toMatch(ISO_WITH_ZONE);
      }
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) expect(value).toMatch(ISO_WITH_ZONE);
    });
    expect(dates).toBeGreaterThan(0);
  });

  test.each(events.map((e) => [e.key, e] as const))('%s: D024 the sample respects the output fields', (key, event) => {
    const op = trigger(key);
    expect(op.outputFields.length).toBeGreaterThan(3);
    const keys = op.outputFields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of op.outputFields) {
      expect(field.label).toBeTruthy();
      const values = valuesAt(op.sample, field.key);
      if (field.required) expect(values.every((v) => v !== undefined && v !== null)).toBe(true);
      for (const v of values) expect(typeMatches(field.type, v)).toBe(true);
    }
    // every field the sample carries is described (nested ones through their children)
    const described = new Set(keys.map((k) => k.split(/__|\[\]/)[0]));
    for (const sampleKey of Object.keys(op.sample)) expect(described.has(sampleKey)).toBe(true);
    // catalog types carried over
    const top = op.outputFields.find((f) => f.key === 'timestamp');
    expect(top).toMatchObject({ type: 'datetime', required: true });
    if (event.idKey) expect(op.outputFields.find((f) => f.key === event.idKey)).toMatchObject({ type: 'string', required: true });
  });

  test('nested keys use Zapier syntax: objects with __ and line items with []', () => {
    const keys = trigger('order_status_changed').outputFields.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['tracking__carrier', 'tracking__number', 'tracking__url', 'items[]productName', 'items[]unitPrice']));
    expect(keys).not.toContain('tracking');
    expect(keys).not.toContain('items');
    expect(keys.some((k) => k.includes('.'))).toBe(false);
  });

  test('the API key field is a required password field whose help names every scope and links to the docs', () => {
    const [apiKey, baseUrl] = App.authentication!.fields as any[];
    expect(App.authentication!.type).toBe('custom');
    expect(apiKey).toMatchObject({ key: 'apiKey', type: 'password', required: true });
    const named = [...apiKey.helpText.matchAll(/`([a-z]+:[a-z]+)`/g)].map((m: RegExpMatchArray) => m[1]);
    expect(named).toEqual(requiredScopes());
    expect(apiKey.helpText).toMatch(/\(https:\/\/www\.distribu\.app\/docs\/[^)]*\)/);
    expect(baseUrl).toMatchObject({ key: 'baseUrl', required: false, default: 'https://distribu.app' });
  });

  test('optional inputs: "Fetch Full <Noun>" where a REST record exists, a Status choice where status varies', () => {
    for (const event of events) {
      const inputs = trigger(event.key).inputFields;
      expect(inputs.some((f) => f.key === 'fetchFullRecord')).toBe(event.recordPath !== null);
    }
    const status = trigger('order_status_changed').inputFields.find((f) => f.key === 'status');
    expect(status?.list).toBe(true);
    expect(status?.choices?.map((c) => c.value)).toEqual(['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);
    expect(trigger('order_created').inputFields.some((f) => f.key === 'status')).toBe(false);
    expect(trigger('invoice_paid').inputFields).toEqual([]);
  });
  test.each(events.map((e) => [e.key, e] as const))('%s: T004/T006 every sample key is in every documented delivery of the event', (key, event) => {
    const sampleKeys = Object.keys(trigger(key).sample).filter((k) => k !== 'itemSource');
    expect(event.samples.length).toBeGreaterThanOrEqual(event.variants.length);
    for (const { title, envelope } of event.samples) {
      const normalized = normalizeDelivery(JSON.stringify(envelope));
      if (!normalized.ok) throw new Error(normalized.message);
      expect({ title, missing: sampleKeys.filter((k) => !Object.hasOwn(normalized.item, k)) }).toEqual({ title, missing: [] });
    }
  });

  test.each(events.map((e) => [e.key] as const))('%s: the event id is labelled "Event ID"; no two output fields share a label', (key) => {
    const fields = trigger(key).outputFields;
    expect(fields.find((f) => f.key === 'id')?.label).toBe('Event ID');
    const labels = fields.map((f) => f.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  test.each(events.map((e) => [e.key] as const))('%s: the test step says where an item comes from (Item Source: delivery, record or sample)', (key) => {
    const op = trigger(key);
    expect(op.outputFields.find((f) => f.key === 'itemSource')).toMatchObject({ type: 'string', required: true });
    expect(op.outputFields.find((f) => f.key === 'itemSource')!.label).toMatch(/sample/);
    expect(op.sample.itemSource).toBe('sample');
  });

  test('help texts and descriptions are plain words: no HTTP methods, API paths or placeholders', () => {
    const apiTalk = /\b(GET|POST|PUT|PATCH|DELETE)\b|\/api\/|\{id\}|:id\b/;
    const texts: string[] = [...(App.authentication!.fields as any[]).map((f) => f.helpText)];
    for (const t of Object.values(triggers)) {
      texts.push(t.display.description);
      for (const field of t.operation.inputFields) texts.push(field.helpText, field.label);
    }
    expect(texts.length).toBeGreaterThan(12);
    expect(texts.filter((text) => apiTalk.test(text))).toEqual([]);
  });

  test('generic update triggers offer a narrowing input; Updated Product narrows by Update Type (Any, Details, Activation)', () => {
    for (const event of events.filter((e) => e.label.startsWith('Updated '))) {
      const inputs = trigger(event.key).inputFields as any[];
      expect(inputs.some((f) => f.key !== 'fetchFullRecord' && f.choices?.length > 1)).toBe(true);
    }
    const updateType = (trigger('product_updated').inputFields as any[]).find((f) => f.key === 'updateType');
    expect(updateType).toMatchObject({ label: 'Update Type', required: false, default: 'any' });
    expect(updateType.choices.map((c: any) => [c.value, c.label])).toEqual([
      ['any', 'Any'],
      ['details', 'Details'],
      ['activation', 'Activation'],
    ]);
    // Every event whose items name their variant offers the same choice.
    for (const event of events.filter((e) => e.discriminator)) {
      expect((trigger(event.key).inputFields as any[]).some((f) => f.key === event.discriminator!.key)).toBe(true);
    }
  });
});
