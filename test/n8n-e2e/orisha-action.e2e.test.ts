/**
 * The Orisha Commerce action node in a real n8n 2.40.7 (n8n-nodes-orisha-commerce built, packed and installed as a
 * community package), against the Orisha sandbox over real HTTP: n8n registers it and its AI tool variant (with a
 * description per operation); a workflow Webhook → Get Item → Get Customer → Get Price List → Get Contact Person →
 * Get Address → Get Many Items (Limit 1) → Get Many Contact Persons reads each record by its code(s); an unknown code
 * stops the run with Orisha's "not found" in plain words; an expired token is renewed once. An AI Agent (a scripted
 * OpenAI-compatible model, no LLM) reads Orisha through the node's tool variant, and through Orisha's MCP server
 * (mcp/, `orisha-commerce-mcp`) with n8n's MCP Client Tool: its machine identity in a Multiple Headers Auth credential.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Execution, N8nClient } from '../../scripts/n8n/api';
import { chain, executionError, nodeRun, webhookStart } from '../../scripts/n8n/action-workflows';
import type { N8nInstance } from '../../scripts/n8n/instance';
import { repoRoot } from '../../scripts/n8n/paths';
import { waitFor } from '../../scripts/wait';
import { agentWorkflow, createHeadersCredential, createModelCredential, mcpClientToolNode, mcpToolName, runAgentWorkflow, toolRuns } from '../../scripts/n8n/agent-workflows';
import { resultRecords } from '../../scripts/llm/ordering-script';
import { startMcpHttpServer } from '../../mcp/src';
import { orishaMcp } from '../../mcp/src/orisha';
import { findInResult, startScriptedModel } from '../../scripts/llm/scripted-model';
import { orishaHost } from '../../shared/src/providers/orisha/host';
import { agentDescription } from '../../n8n-node/src/action/tool';
import { seedOrisha } from '../../sandbox/orisha/seed';
import type { OrishaSandbox } from '../../sandbox/orisha/server';
import { ORISHA_PACKAGE as PACKAGE, startOrishaRig, type OrishaRig } from './support/orisha-rig';

const MINUTE = 60_000;
const ADM = 'ADM01';
const log = (line: string) => process.stderr.write(`[orisha-action-e2e] ${line}\n`);

describe('Orisha Commerce action node in a real n8n 2.x', () => {
  let rig: OrishaRig;
  let sandbox: OrishaSandbox;
  let n8n: N8nInstance;
  let api: N8nClient;
  let identity: { clientId: string; clientSecret: string };
  let credential: { id: string; name: string };

  beforeAll(async () => {
    rig = await startOrishaRig('orisha-action-e2e', log);
    ({ sandbox, n8n, api, identity, credential } = rig);
    seedOrisha(sandbox.store, ADM);
  }, 30 * MINUTE);

  afterAll(() => rig?.dispose(), 2 * MINUTE);

  type Step = { name: string; parameters: Record<string, unknown> };
  async function runSteps(name: string, steps: Step[]): Promise<Execution> {
    const hookPath = randomUUID();
    const nodes = [
      webhookStart(hookPath, 'allEntries'),
      ...steps.map((step, i) => ({
        name: step.name,
        type: `${PACKAGE}.orishaCommerce`,
        typeVersion: 1,
        position: [240 * (i + 1), 0] as [number, number],
        parameters: step.parameters,
        credentials: { orishaCommerceApi: credential },
        executeOnce: true,
      })),
    ];
    const workflow = await api.createWorkflow({ name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } } as never);
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id);
    const response = await fetch(`${n8n.webhookBaseUrl}webhook/${hookPath}`, { method: 'POST', signal: AbortSignal.timeout(2 * MINUTE) });
    await response.text();
    const execution = await waitFor(`the execution of "${name}"`, async () => {
      const [latest] = await api.listExecutions(workflow.id, { includeData: true });
      return latest && latest.status !== 'running' && latest.status !== 'new' ? latest : undefined;
    }, 2 * MINUTE);
    await api.unpublish(workflow.id);
    return execution;
  }

  test('the built package needs only n8n-workflow and node:crypto at run time, and holds no zod', () => {
    const dist = path.join(repoRoot, 'n8n-node/packages/orisha/dist');
    const files = (fs.readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining([path.join('nodes', 'OrishaCommerce', 'OrishaCommerce.node.js'), path.join('nodes', 'OrishaCommerceTrigger', 'OrishaCommerceTrigger.node.js')]));
    for (const file of files) {
      const code = fs.readFileSync(path.join(dist, file), 'utf8');
      const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
      // The package's own shared runtime module (dist/shared/runtime.js) is a relative require; nothing else may be needed.
      expect([...required].filter((name) => !['n8n-workflow', 'node:crypto', 'crypto'].includes(name) && !name.startsWith('.'))).toEqual([]);
      expect(code).not.toMatch(/\bzod\b/);
    }
  });

  test('n8n registers the node and its AI tool variant, with a description per operation for the agent', async () => {
    const offered = (await api.nodeTypeDescriptions()).filter((d) => d.name.startsWith(`${PACKAGE}.`));
    expect(offered.map((d) => d.name).sort()).toEqual([`${PACKAGE}.orishaCommerce`, `${PACKAGE}.orishaCommerceTool`, `${PACKAGE}.orishaCommerceTrigger`]);
    const tool = offered.find((d) => d.name === `${PACKAGE}.orishaCommerceTool`)! as unknown as { displayName: string; outputs: unknown; properties: Array<{ name: string; default?: unknown; displayOptions?: { show?: Record<string, unknown[]> } }> };
    expect([tool.displayName, tool.outputs]).toEqual(['Orisha Commerce Tool', ['ai_tool']]);
    const described = tool.properties.filter((p) => p.name === 'toolDescription');
    expect(described).toHaveLength(10);
    const getAddress = described.find((p) => p.displayOptions?.show?.resource?.[0] === 'address' && p.displayOptions.show.operation?.[0] === 'get')!;
    expect(getAddress.default).toContain('Get an address in Orisha Commerce.');
    expect(getAddress.default).toContain('customerCode and addressCode (required)');
  });

  test('each record by its code(s), and lists', async () => {
    const execution = await runSteps('Orisha reads', [
      { name: 'Get Item', parameters: { resource: 'item', operation: 'get', itemCode: 'ITM-1001' } },
      { name: 'Get Customer', parameters: { resource: 'customer', operation: 'get', customerCode: 'CUS-2001' } },
      { name: 'Get Price List', parameters: { resource: 'priceList', operation: 'get', priceListCode: 'PL-STD' } },
      { name: 'Get Contact Person', parameters: { resource: 'contactPerson', operation: 'get', customerCode: 'CUS-2001', contactPersonCode: 'CP-01' } },
      { name: 'Get Address', parameters: { resource: 'address', operation: 'get', customerCode: 'CUS-2001', addressCode: 'ADR-01' } },
      { name: 'Get Many Items', parameters: { resource: 'item', operation: 'getAll', limit: 1 } },
      { name: 'Get All Items', parameters: { resource: 'item', operation: 'getAll', returnAll: true } },
      { name: 'Get Many Contact Persons', parameters: { resource: 'contactPerson', operation: 'getAll', customerCode: 'CUS-2001', returnAll: true } },
    ]);
    expect(executionError(execution)).toBeUndefined();
    const seeded = sandbox.store.administration(ADM).records;
    expect(nodeRun(execution, 'Get Item').items).toEqual([seeded.item.get('ITM-1001')]);
    expect(nodeRun(execution, 'Get Customer').items).toEqual([seeded.customer.get('CUS-2001')]);
    expect(nodeRun(execution, 'Get Price List').items).toEqual([seeded.priceList.get('PL-STD')]);
    expect(nodeRun(execution, 'Get Contact Person').items).toEqual([seeded.contactPerson.get('CUS-2001/CP-01')]);
    expect(nodeRun(execution, 'Get Address').items).toEqual([seeded.address.get('CUS-2001/ADR-01')]);
    expect(nodeRun(execution, 'Get Many Items').items).toHaveLength(1);
    expect(nodeRun(execution, 'Get All Items').items.map((i) => i.ItemCode).sort()).toEqual(['ITM-1001', 'ITM-1002']);
    expect(nodeRun(execution, 'Get Many Contact Persons').items).toEqual([seeded.contactPerson.get('CUS-2001/CP-01')]);
  }, 10 * MINUTE);

  test('an unknown code stops the run with "not found" in plain words, no secret in it', async () => {
    const execution = await runSteps('Orisha not found', [{ name: 'Get Customer', parameters: { resource: 'customer', operation: 'get', customerCode: 'CUS-NOPE' } }]);
    expect(nodeRun(execution, 'Get Customer').error).toBe('Orisha Commerce has no such record (HTTP 404): No such customer.');
    expect(JSON.stringify(execution)).not.toContain(identity.clientSecret);
  }, 5 * MINUTE);

  test('an n8n AI Agent (a scripted model) reads a customer and its address through the Orisha Commerce Tool nodes', async () => {
    const fromAI = (key: string, what: string) => `={{ $fromAI('${key}', ${JSON.stringify(what)}, 'string') }}`;
    const tool = (name: string, position: [number, number], parameters: Record<string, unknown>) => ({
      name,
      type: `${PACKAGE}.orishaCommerceTool`,
      typeVersion: 1,
      position,
      parameters,
      credentials: { orishaCommerceApi: credential },
    });
    const getCustomer = orishaHost.operations.find((op) => op.key === 'customer.get')!;
    const getAddress = orishaHost.operations.find((op) => op.key === 'address.get')!;
    const tools = [
      tool('Get_Customer', [240, 240], { resource: 'customer', operation: 'get', customerCode: fromAI('CustomerCode', 'The customer code (e.g. CUS-2001).'), toolDescription: agentDescription(getCustomer, 'Orisha Commerce') }),
      tool('Get_Address', [480, 240], {
        resource: 'address',
        operation: 'get',
        customerCode: fromAI('CustomerCode', 'The customer code (e.g. CUS-2001).'),
        addressCode: fromAI('AddressCode', 'The address code within its customer (e.g. ADR-01).'),
        toolDescription: agentDescription(getAddress, 'Orisha Commerce'),
      }),
    ];
    const model = await startScriptedModel({
      script: [
        { label: 'get the customer', tool: (t) => t.name === 'Get_Customer', arguments: () => ({ CustomerCode: 'CUS-2001' }) },
        { label: 'get its address', tool: (t) => t.name === 'Get_Address', arguments: () => ({ CustomerCode: 'CUS-2001', AddressCode: 'ADR-01' }) },
        { label: 'answer', reply: (context) => `${String(findInResult(context.results[0]!.content, 'Name'))} is at ${String(findInResult(context.results[1]!.content, 'Street'))}, ${String(findInResult(context.results[1]!.content, 'City'))}.` },
      ],
    });
    try {
      const built = agentWorkflow({
        name: 'Orisha agent',
        prompt: 'Where is customer CUS-2001 (address ADR-01)?',
        systemMessage: 'You answer questions about Orisha Commerce records. Use the tools.',
        modelName: model.model,
        modelCredential: await createModelCredential(api, model.url),
        tools: tools as never,
      });
      const run = await runAgentWorkflow(api, n8n.webhookBaseUrl, built);
      expect(model.problems).toEqual([]);
      expect(run.status).toBe(200);
      expect(JSON.stringify(run.answer)).toContain('Van Dijk Bouw B.V. is at Havenweg 12, Rotterdam.');
      // What n8n told the model: each tool's description from the catalog, each argument described and required.
      const offered = model.requests[0]!.tools;
      expect(offered.find((t) => t.name === 'Get_Customer')!.description).toBe(agentDescription(getCustomer, 'Orisha Commerce'));
      const address = offered.find((t) => t.name === 'Get_Address')!.parameters;
      expect(address.required?.sort()).toEqual(['AddressCode', 'CustomerCode']);
      expect(address.properties?.AddressCode?.description).toContain('ADR-01');
      const runs = toolRuns(run.execution, ['Get_Customer', 'Get_Address']);
      expect(runs.map((r) => [r.node, r.error])).toEqual([['Get_Customer', undefined], ['Get_Address', undefined]]);
      // No secret reached the model or the execution data.
      for (const text of [JSON.stringify(model.requests), JSON.stringify(run.execution)]) expect(text).not.toContain(identity.clientSecret);
    } finally {
      await model.close();
    }
  }, 5 * MINUTE);

  test("an AI Agent reads Orisha through its MCP server (MCP Client Tool, the machine identity in Multiple Headers Auth); the tool's answer is the sandbox's record", async () => {
    const MCP = 'Orisha MCP';
    const mcp = await startMcpHttpServer({ provider: orishaMcp, port: 0, baseUrl: sandbox.url, credentials: { tokenUrl: sandbox.tokenUrl, audience: sandbox.audience } });
    const model = await startScriptedModel({
      script: [
        { label: 'list the customers', tool: (t) => t.name === mcpToolName('customer_list', MCP), arguments: () => ({ limit: 5 }) },
        { label: 'get the first by its code', tool: (t) => t.name === mcpToolName('customer_get', MCP), arguments: (c) => ({ customerCode: String(findInResult(c.results[0]!.content, 'CustomerCode')) }) },
        { label: 'answer', reply: (c) => `${String(findInResult(c.results[1]!.content, 'Name'))} <${String(findInResult(c.results[1]!.content, 'Email'))}>` },
      ],
    });
    const authorization = `Basic ${Buffer.from(`${identity.clientId}:${identity.clientSecret}`).toString('base64')}`;
    try {
      const headers = await createHeadersCredential(api, 'Orisha machine identity (MCP)', { Authorization: authorization, 'X-Orisha-Administration': ADM });
      const built = agentWorkflow({
        name: 'Orisha agent (MCP)',
        prompt: 'Who is our first customer in Orisha Commerce, and what is their email?',
        systemMessage: 'You answer questions about Orisha Commerce records. Use the tools.',
        modelName: model.model,
        modelCredential: await createModelCredential(api, model.url),
        tools: [mcpClientToolNode(mcp.url, headers, { name: MCP, authentication: 'multipleHeadersAuth' })],
      });
      const run = await runAgentWorkflow(api, n8n.webhookBaseUrl, built);
      log(`the Orisha MCP agent run took ${run.seconds.toFixed(1)} s`);
      const customer = sandbox.store.administration(ADM).records.customer.get('CUS-2001')!;
      expect(model.problems).toEqual([]);
      expect([run.status, run.answer]).toEqual([200, { output: `${customer.Name} <${customer.Email}>` }]);
      expect(model.requests[0]!.tools.map((t) => t.name).sort()).toEqual(orishaMcp.tools.map((t) => mcpToolName(t.name, MCP)).sort());
      // What the MCP Client Tool returned, as n8n saved it: the list, then the customer exactly as the sandbox holds it.
      const runs = toolRuns(run.execution, [MCP]);
      expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
      const answered = resultRecords(JSON.stringify(runs[1]!.output)).filter((r) => r.CustomerCode === 'CUS-2001');
      expect(answered.length).toBeGreaterThan(0);
      for (const record of answered) expect(record).toEqual(customer);
      // The machine identity stays in n8n's credential: it reaches neither the model nor the execution data.
      for (const text of [JSON.stringify(model.requests), JSON.stringify(run.execution)]) {
        expect(text).not.toContain(identity.clientSecret);
        expect(text).not.toContain(authorization.slice(6));
      }
    } finally {
      await model.close();
      await mcp.close();
    }
  }, 5 * MINUTE);

  test('an expired access token is renewed once, and the read succeeds', async () => {
    await runSteps('Orisha warm-up', [{ name: 'Get Item', parameters: { resource: 'item', operation: 'get', itemCode: 'ITM-1002' } }]);
    const tokens = () => [...sandbox.store.tokens.values()].filter((t) => t.clientId === identity.clientId).length;
    const before = tokens();
    sandbox.expireTokens();
    const execution = await runSteps('Orisha after expiry', [{ name: 'Get Item', parameters: { resource: 'item', operation: 'get', itemCode: 'ITM-1002' } }]);
    expect(nodeRun(execution, 'Get Item').items).toEqual([sandbox.store.administration(ADM).records.item.get('ITM-1002')]);
    expect(tokens() - before).toBe(1);
  }, 5 * MINUTE);
});
