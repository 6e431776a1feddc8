import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { describeApiError, events, normalizeDelivery } from '@distribu/shared/runtime';
import { DistribuApi } from '../../n8n-node/credentials/DistribuApi.credentials';
import { Distribu } from '../../n8n-node/nodes/Distribu/Distribu.node';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { ADD_OPTION, DOCS_URL, TESTED_SCOPE, TRIGGER_SCOPES } from '../../n8n-node/nodes/shared/editor-texts';
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

  it("describes the actions and the events: n8n's node panel shows it for the one Distribu entry that lists both", () => {
    // n8n 2.40's editor (generateMergedNodesAndActions) merges `distribuTrigger` into `distribu` and keeps the trigger's
    // text: it must name every resource the action node acts on, and the events.
    const resources = (new Distribu().description.properties.find((p) => p.name === 'resource')?.options ?? []) as Array<{ value: string }>;
    expect(resources.length).toBeGreaterThan(0);
    for (const { value } of resources) expect([value, description.description.toLowerCase()]).toEqual([value, expect.stringContaining(`${value}s`)]);
    expect(description.description).toContain('webhook events');
  });

  it('has one POST webhook that answers an empty 200 on receipt', () => {
    expect(description.webhooks).toEqual([
      { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook', ndvHideUrl: true },
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
    expect(description.activationMessage).toMatch(/publish again/);
  });

  it('shows one event on the canvas by its label and several by their count (evaluated as n8n would, in JS)', () => {
    const expression = String(description.subtitle).replace(/^=\{\{/, '').replace(/\}\}$/, '');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const subtitle = new Function('$parameter', `return ${expression};`) as (p: { events?: unknown }) => string;
    expect(subtitle({ events: ['customer.created'] })).toBe('New Customer');
    expect(subtitle({ events: ['order.created', 'order.shipped', 'invoice.paid'] })).toBe('3 events');
    expect(subtitle({ events: [] })).toBe('');
    expect(subtitle({})).toBe('');
  });

  it('hides its webhook URLs (it registers them itself) and uses n8n 2.x words, not "Listen for test event"', () => {
    expect(description.webhooks?.every((webhook) => webhook.ndvHideUrl === true)).toBe(true);
    const texts = JSON.stringify([description.properties, description.activationMessage]);
    expect(texts).not.toMatch(/Listen for test event|turn (this|it) on/i);
    expect(texts).toContain('Execute step');
  });

  it('says "Add option" on every collection, as n8n\'s own nodes do', () => {
    const collections = description.properties.filter((p) => p.type === 'collection');
    expect(collections.length).toBeGreaterThan(0);
    for (const collection of collections) expect(collection.placeholder).toBe(ADD_OPTION);
    expect(ADD_OPTION).toBe('Add option');
  });
});

describe('editor texts n8n renders', () => {
  // n8n's notice component keeps only these tags (sanitize-html allowlist in its editor): any other is stripped.
  const NOTICE_TAGS = new Set(['a', 'ul', 'li']);
  const tagsIn = (html: string) => [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase());
  const notices = [
    ...new DistribuApi().properties.filter((p) => p.type === 'notice'),
    ...description.properties.filter((p) => p.type === 'notice'),
  ];

  it('notices use only the markup n8n renders', () => {
    expect(notices.length).toBe(2);
    for (const notice of notices) {
      expect(tagsIn(notice.displayName).filter((tag) => !NOTICE_TAGS.has(tag))).toEqual([]);
    }
  });

  it('every node codex links its docs without a fragment or query (n8n appends ?utm_… to it)', () => {
    const nodesDir = join(root, 'n8n-node/nodes');
    const codexFiles = readdirSync(nodesDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.node.json'));
    expect(codexFiles.length).toBeGreaterThan(0);
    for (const file of codexFiles) {
      const codex = JSON.parse(readFileSync(join(nodesDir, file), 'utf8')) as { resources: { primaryDocumentation: Array<{ url: string }> } };
      expect({ file, urls: codex.resources.primaryDocumentation.map((d) => d.url) }).toEqual({ file, urls: [DOCS_URL] });
    }
    expect(DOCS_URL).not.toMatch(/[#?]/);
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
    expect(credential.documentationUrl).toBe(`${DOCS_URL}#credentials`);
  });

  it('sends the key as a Bearer token and tests it with a call that needs only webhooks:read', () => {
    expect(credential.authenticate).toEqual({
      type: 'generic',
      properties: { headers: { Authorization: '={{"Bearer " + $credentials.apiKey}}' } },
    });
    expect(credential.test.request).toMatchObject({ url: '/api/v1/webhooks', method: 'GET' });
    expect(TESTED_SCOPE).toBe('webhooks:read');
  });

  it('answers a failed test in the shared plain words, naming the one scope it checks', () => {
    const rules = Object.fromEntries(
      (credential.test.rules ?? []).map((rule) => [(rule.properties as { value: number }).value, rule.properties.message]),
    );
    expect(rules[401]).toBe(describeApiError({ status: 401 }));
    expect(rules[403]!.startsWith(describeApiError({ status: 403, scope: 'webhooks:read' }))).toBe(true);
    expect(rules[404]).toMatch(/Base URL/);
  });

  it("its notice names each node's scopes and what the test verified", () => {
    const notice = credential.properties.find((p) => p.type === 'notice')!.displayName;
    for (const scope of TRIGGER_SCOPES) expect(notice).toContain(scope);
    expect(notice).toMatch(/<li>Distribu Trigger: webhooks:read and webhooks:write/);
    expect(notice).toMatch(/<li>Distribu \(actions\): .*:read.*:write/);
    expect(notice).toMatch(/"Connection tested successfully" means Distribu accepted the key and it has webhooks:read/);
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
