import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { events, normalizeDelivery } from '@distribu/shared/runtime';
import { DistribuApi } from '../../n8n-node/credentials/DistribuApi.credentials';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { outputSchemaPath, renderOutputSchema, schemaVersionDir } from '../../n8n-node/scripts/output-schema';
import { withEventsTable } from '../../n8n-node/scripts/readme-events';

const root = join(__dirname, '..', '..');
const { description } = new DistribuTrigger();
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;

/** The event schemas: the files of shared/generated/schemas (the operations' are in a subfolder). */
const eventSchemaFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('node description (the contract with the end-to-end harness and with n8n)', () => {
  it('is the Distribu Trigger, typeVersion 2, with one credential', () => {
    expect(description).toMatchObject({
      name: 'distribuTrigger',
      displayName: 'Distribu Trigger',
      version: 2,
      group: ['trigger'],
      inputs: [],
      credentials: [{ name: 'distribuApi', required: true }],
    });
    expect(description).not.toHaveProperty('usableAsTool');
  });

  it('has one POST webhook that answers an empty 200 on receipt', () => {
    expect(description.webhooks).toEqual([
      { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
    ]);
  });

  it('offers every catalog event by its Distribu name, sorted by display name, described from the catalog', () => {
    const options = property('events').options as Array<{ name: string; value: string; description: string }>;
    expect(property('events')).toMatchObject({ type: 'multiOptions', required: true, default: [] });
    expect(options.map((o) => o.value).sort()).toEqual(events.map((e) => e.name).sort());
    expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
    for (const option of options) {
      const event = events.find((e) => e.name === option.value)!;
      expect(option).toEqual({ name: event.label, value: event.name, description: event.description });
    }
    expect(options).toHaveLength(12);
  });

  it('documents each option, with a 300-second replay window by default', () => {
    const options = property('options').options as INodeProperties[];
    expect(options.map((o) => [o.name, o.type, o.default])).toEqual([
      ['fetchFullRecord', 'boolean', false],
      ['outOfOrder', 'options', 'emit'],
      ['replayWindow', 'number', 300],
    ]);
    for (const option of options) expect(option.description?.length).toBeGreaterThan(40);
  });

  it('offers Emit, Emit and Mark, and Drop for out-of-order deliveries', () => {
    const outOfOrder = (property('options').options as INodeProperties[]).find((o) => o.name === 'outOfOrder')!;
    expect(outOfOrder.displayName).toBe('Out-of-Order Deliveries');
    expect((outOfOrder.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value])).toEqual([
      ['Drop', 'drop'],
      ['Emit', 'emit'],
      ['Emit and Mark', 'mark'],
    ]);
  });

  it('promises nothing in its activation message: n8n shows it before the webhook is registered', () => {
    expect(description.activationMessage).not.toMatch(/now sends/);
    expect(description.activationMessage).toMatch(/registering/);
  });
});

describe('credential', () => {
  const credential = new DistribuApi();

  it('is distribuApi with a secret API key and a base URL defaulting to Distribu', () => {
    expect(credential.name).toBe('distribuApi');
    expect(credential.displayName).toBe('Distribu API');
    const fields = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
    expect(fields.apiKey).toMatchObject({ type: 'string', typeOptions: { password: true }, required: true });
    expect(fields.baseUrl).toMatchObject({ type: 'string', default: 'https://distribu.app' });
    expect(credential.documentationUrl).toMatch(/^https:\/\//);
  });

  it('sends the key as a Bearer token and tests it with a call that needs only webhooks:read', () => {
    expect(credential.authenticate).toEqual({
      type: 'generic',
      properties: { headers: { Authorization: '={{"Bearer " + $credentials.apiKey}}' } },
    });
    expect(credential.test.request).toMatchObject({ url: '/api/v1/webhooks', method: 'GET' });
    expect(JSON.stringify(credential.properties)).toContain('webhooks:read');
  });

  it("the test URL's base expression strips a trailing slash or /api/v1 (evaluated as n8n would, in JS)", () => {
    const expression = String(credential.test.request.baseURL).replace(/^=\{\{/, '').replace(/\}\}$/, '');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const evaluate = new Function('$credentials', `return ${expression};`) as (c: { baseUrl?: string }) => string;
    expect(evaluate({ baseUrl: 'https://distribu.app' })).toBe('https://distribu.app');
    expect(evaluate({ baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(evaluate({ baseUrl: 'https://distribu.app/api/v1' })).toBe('https://distribu.app');
    expect(evaluate({})).toBe('https://distribu.app');
  });
});

describe('typed output (__schema__)', () => {
  it('sits in the folder n8n reads for this node version', () => {
    expect(schemaVersionDir(2)).toBe('v2.0.0');
    expect(schemaVersionDir(1.1)).toBe('v1.1.0');
    const dir = join(root, 'n8n-node/nodes/DistribuTrigger/__schema__');
    expect(readdirSync(dir)).toEqual([schemaVersionDir(description.version as number)]);
  });

  it('is in sync with the schemas generated from the shared catalog (run `npm run generate`)', () => {
    const dir = join(root, 'shared/generated/schemas');
    const eventSchemas = Object.fromEntries(
      eventSchemaFiles(dir).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8'))]),
    );
    const committed = readFileSync(join(root, 'n8n-node', outputSchemaPath(description.version as number)), 'utf8');
    expect(committed).toBe(renderOutputSchema(eventSchemas));
  });

  it('offers one alternative per event variant, each pinned to its event name', () => {
    const schema = JSON.parse(
      readFileSync(join(root, 'n8n-node', outputSchemaPath(description.version as number)), 'utf8'),
    ) as { type: string; required: string[]; anyOf: Array<{ title: string; properties: { event: { const: string } } }> };
    expect(schema).toMatchObject({ type: 'object', required: ['id', 'event', 'timestamp'] });
    const dir = join(root, 'shared/generated/schemas');
    const expected = eventSchemaFiles(dir)
      .sort()
      .flatMap((f) => {
        const generated = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { anyOf?: unknown[] };
        return Array(generated.anyOf?.length ?? 1).fill(f.replace(/\.json$/, '')) as string[];
      });
    expect(schema.anyOf.map((branch) => branch.properties.event.const)).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(events.map((e) => e.name)));
  });
});

describe('README', () => {
  const readme = readFileSync(join(root, 'n8n-node/README.md'), 'utf8');

  it('has the events table of the shared catalog (run `npm run generate`)', () => {
    expect(readme).toBe(withEventsTable(readme, events));
    for (const event of events) expect(readme).toContain(`| \`${event.name}\` | ${event.label} |`);
  });

  it('covers install, scopes, options, de-duplication on id, the cap and test vs production URLs', () => {
    for (const text of [
      'npm install n8n-nodes-distribu',
      'webhooks:read',
      'webhooks:write',
      'Fetch Full Record',
      'Replay Window',
      'Remove Duplicates',
      '{{ $json.id }}',
      'at most 10 webhooks',
      '/webhook-test/',
    ]) {
      expect(readme).toContain(text);
    }
  });
});

describe('typed output validates real items', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv/dist/2020').default;
  const schema = JSON.parse(readFileSync(join(root, 'n8n-node', outputSchemaPath(2)), 'utf8'));
  // Formats are not checked (no ajv-formats); the generated schemas pin timestamps with a pattern too.
  const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

  it('accepts every sample of every event in the catalog, and every item keeps id, event and timestamp', () => {
    for (const event of events) {
      for (const sample of event.samples) {
        const item = normalizeDelivery(JSON.stringify(sample.envelope));
        if (!item.ok) throw new Error(`${event.name} sample must parse`);
        expect({ event: event.name, variant: sample.variant, valid: validate(item.item), errors: validate.errors?.slice(0, 2) ?? null }).toEqual({
          event: event.name,
          variant: sample.variant,
          valid: true,
          errors: null,
        });
      }
    }
  });

  it('rejects an item of an event Distribu does not have, and one without an id', () => {
    const sample = events[0]!.sample;
    expect(validate({ ...sample, event: 'order.teleported' })).toBe(false);
    const { id: _id, ...withoutId } = sample;
    expect(validate(withoutId)).toBe(false);
  });

  it('describes the outOfOrder flag "Emit and Mark" adds, as a boolean', () => {
    const sample = events[0]!.sample;
    expect(schema.properties.outOfOrder).toMatchObject({ type: 'boolean' });
    expect(validate({ ...sample, outOfOrder: true })).toBe(true);
    expect(validate({ ...sample, outOfOrder: 'yes' })).toBe(false);
  });
});
