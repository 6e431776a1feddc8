/**
 * n8n's AI Agent with the Distribu Tool nodes in a real n8n 2.40.7: Webhook → AI Agent (3.1) + OpenAI Chat Model
 * (Chat Completions, Base URL = the scripted model on loopback) + one Distribu Tool per operation, built from the
 * operation catalog exactly as the package's example workflow is (n8n-node/scripts/agent-tools.ts). The scripted
 * model plays a fixed ordering run; the test asserts what n8n told the model (tool descriptions, each parameter's
 * description, the allowed values, the required lists), what Distribu ended up with, and that no key reached the
 * model or the execution data. Timings are logged, never asserted.
 */
import { operations } from '@distribu/shared/runtime';
import { agentDescription } from '../../n8n-node/src/action/tool';
import { AGENT_EXAMPLE_OPERATIONS, AGENT_SYSTEM_MESSAGE, modelDescription, toolNode, toolNodeName } from '../../n8n-node/scripts/agent-tools';
import type { WorkflowNode } from '../../scripts/n8n/api';
import { agentWorkflow, createModelCredential, runAgentWorkflow, toolRuns } from '../../scripts/n8n/agent-workflows';
import { N8nRig } from '../../scripts/n8n/rig';
import { orderingScript, ORDERING_STEPS } from '../../scripts/llm/ordering-script';
import { schemaProperties, type ScriptedModel, startScriptedModel } from '../../scripts/llm/scripted-model';
import { expectAgentWrites, expectOrderPlaced, PLAN, PROMPT } from './support/agent-run';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[n8n-agent-tool-e2e] ${line}\n`);
const timings: Record<string, number> = {};

const op = (key: string) => operations.find((o) => o.key === key)!;
const name = (key: string) => toolNodeName(op(key)).replace(/[^a-zA-Z0-9_-]+/g, '_');

describe('AI Agent + Distribu Tool nodes + a scripted OpenAI-compatible model in a real n8n 2.x', () => {
  let rig: N8nRig | undefined;
  let model: ScriptedModel | undefined;
  let run: Awaited<ReturnType<typeof runAgentWorkflow>>;
  const suiteStarted = Date.now();

  beforeAll(async () => {
    const started = Date.now();
    model = await startScriptedModel({
      script: orderingScript(
        {
          findCustomers: (t) => t.name === name('customer.getAll'),
          listProducts: (t) => t.name === name('product.getAll'),
          createOrder: (t) => t.name === name('order.create'),
          updateStatus: (t) => t.name === name('order.updateStatus'),
        },
        PLAN,
      ),
    });
    rig = await N8nRig.start({ name: 'n8n-agent-tool-e2e', log });
    timings['rig start'] = (Date.now() - started) / 1000;
    const modelCredential = await createModelCredential(rig.api, model.url);
    const tools = AGENT_EXAMPLE_OPERATIONS.map((key, i) => toolNode(op(key), { position: [240 * i, 480], credential: rig!.credential }) as WorkflowNode);
    const built = agentWorkflow({
      name: 'Distribu agent (tool nodes)',
      prompt: PROMPT,
      systemMessage: AGENT_SYSTEM_MESSAGE,
      modelName: model.model,
      modelCredential,
      tools,
    });
    run = await runAgentWorkflow(rig.api, rig.n8n.webhookBaseUrl, built);
    timings['agent run'] = run.seconds;
    log(`the agent run took ${run.seconds.toFixed(1)} s over ${model.requests.length} model requests (streamed: ${model.requests.filter((r) => r.stream).length})`);
  }, 20 * MINUTE);

  afterAll(async () => {
    await rig?.dispose();
    await model?.close();
    timings['whole suite'] = (Date.now() - suiteStarted) / 1000;
    log(`timings (s): ${JSON.stringify(timings)}`);
  }, 2 * MINUTE);

  test('the model was told each tool\'s catalog description, and every parameter with its description, allowed values and only the truly required ones', () => {
    expect(model!.problems).toEqual([]);
    const first = model!.requests[0]!;
    expect(first.tools.map((t) => t.name).sort()).toEqual(AGENT_EXAMPLE_OPERATIONS.map(name).sort());
    let described = 0;
    let parameters = 0;
    for (const key of AGENT_EXAMPLE_OPERATIONS) {
      const tool = first.tools.find((t) => t.name === name(key))!;
      // The tool's description: the node's per-operation Description, generated from the catalog.
      expect(tool.description).toBe(agentDescription(op(key), 'Distribu'));
      const properties = schemaProperties(tool.parameters);
      parameters += properties.length;
      for (const property of properties) {
        const input = op(key).inputs.find((i) => i.key === property.path)!;
        expect({ tool: tool.name, parameter: property.path, description: property.schema.description }).toEqual({
          tool: tool.name,
          parameter: property.path,
          description: modelDescription(input),
        });
        described++;
        for (const value of input.enum ?? []) expect(property.schema.description).toContain(value);
      }
      // Optional inputs carry a default, so n8n leaves them out of `required`.
      expect({ tool: tool.name, required: [...(tool.parameters.required ?? [])].sort() }).toEqual({
        tool: tool.name,
        required: op(key).inputs.filter((i) => i.required).map((i) => i.key).sort(),
      });
    }
    // Line items: one JSON list of any length ($fromAI 'json'). n8n 2.40 sends such an argument with no type at all
    // (any JSON value), so its description is all the model learns of the list's shape: each entry's fields are in it.
    const lineItems = first.tools.find((t) => t.name === name('order.create'))!.parameters.properties!.lineItems!;
    expect(Object.keys(lineItems)).toEqual(['description']);
    expect(lineItems.description).toMatch(/Each entry has productId: .* quantity: /);
    log(`the model received ${first.tools.length} tools with ${parameters} parameters, ${described} of them described`);
    expect(described).toBe(parameters);
    expect(parameters).toBeGreaterThanOrEqual(14);
  });

  test('the agent ordered three line items, confirmed and shipped the order with tracking; the refused cancellation came back readable', () => {
    expect(run.status).toBe(200);
    expect(run.execution.status).toBe('success');
    const runs = toolRuns(run.execution, AGENT_EXAMPLE_OPERATIONS.map((key) => toolNodeName(op(key))));
    expect(runs.map((r) => r.node)).toEqual([
      toolNodeName(op('customer.getAll')),
      toolNodeName(op('product.getAll')),
      toolNodeName(op('order.create')),
      ...Array(3).fill(toolNodeName(op('order.updateStatus'))),
    ]);
    expect(runs).toHaveLength(ORDERING_STEPS.length);
    const { orderId, refusal } = expectOrderPlaced(rig!.sandbox);
    expect(runs[2]!.output[0]!.id).toBe(orderId);
    // The refusal, as the model received it: Distribu's plain sentence, the order unchanged.
    const lastRequest = model!.requests.at(-1)!;
    const toolMessages = lastRequest.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(ORDERING_STEPS.length);
    expect(String(toolMessages.at(-1)!.content)).toContain(refusal);
    expect((run.answer as { output: string }).output).toContain(refusal);
    log(`what the model got back for the refused cancellation: ${String(toolMessages.at(-1)!.content)}`);
  });

  test('Distribu saw exactly the calls the agent made: one create, three status changes (the last refused)', async () => {
    await expectAgentWrites(rig!.controls, expectOrderPlaced(rig!.sandbox).orderId);
  });

  test('no Distribu key reached the model or n8n\'s execution data or log', () => {
    const keys = [rig!.sandbox.apiKey, rig!.apiKey];
    const seen = [...model!.requests.map((r) => `${r.raw}${JSON.stringify(r.headers)}`), JSON.stringify(run.execution), rig!.n8nLog()].join('\n');
    for (const key of keys) expect(seen).not.toContain(key);
  });
});
