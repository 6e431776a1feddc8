/**
 * n8n's AI Agent with the MCP Client Tool in a real n8n 2.40.7: Webhook → AI Agent (3.1) + OpenAI Chat Model
 * (Chat Completions, Base URL = the scripted model on loopback) + MCP Client Tool (HTTP Streamable, Bearer Auth
 * credential holding the Distribu API key) connected to the Distribu MCP server (mcp/) on loopback, which calls the
 * sandbox. The test asserts what the model received through n8n (every MCP tool, each parameter's description,
 * the enums, the required lists), the sandbox's end state, the refused cancellation as readable text, and that the
 * key appears in no model request, execution data or n8n log. Timings are logged, never asserted.
 */
import { type DistribuMcpHttpServer, startDistribuMcpHttpServer, tools as mcpTools } from '../../mcp/src';
import {
  agentWorkflow,
  createBearerCredential,
  createModelCredential,
  MCP_NODE_NAME,
  mcpClientToolNode,
  mcpToolName,
  runAgentWorkflow,
  toolRuns,
} from '../../scripts/n8n/agent-workflows';
import { N8nRig } from '../../scripts/n8n/rig';
import { orderingScript, ORDERING_STEPS } from '../../scripts/llm/ordering-script';
import { schemaProperties, type ScriptedModel, startScriptedModel } from '../../scripts/llm/scripted-model';
import { AGENT_SYSTEM_MESSAGE } from '../../n8n-node/scripts/agent-tools';
import { expectAgentWrites, expectOrderPlaced, PLAN, PROMPT } from './support/agent-run';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[n8n-agent-mcp-e2e] ${line}\n`);
const timings: Record<string, number> = {};

describe('AI Agent + MCP Client Tool + the Distribu MCP server + a scripted OpenAI-compatible model in a real n8n 2.x', () => {
  let rig: N8nRig | undefined;
  let model: ScriptedModel | undefined;
  let mcp: DistribuMcpHttpServer | undefined;
  let run: Awaited<ReturnType<typeof runAgentWorkflow>>;
  const suiteStarted = Date.now();

  beforeAll(async () => {
    const started = Date.now();
    const tool = (name: string) => (t: { name: string }) => t.name === mcpToolName(name);
    model = await startScriptedModel({
      script: orderingScript(
        { findCustomers: tool('customer_get_all'), listProducts: tool('product_get_all'), createOrder: tool('order_create'), updateStatus: tool('order_update_status') },
        PLAN,
      ),
    });
    rig = await N8nRig.start({ name: 'n8n-agent-mcp-e2e', log });
    timings['rig start'] = (Date.now() - started) / 1000;
    mcp = await startDistribuMcpHttpServer({ port: 0, host: '127.0.0.1', baseUrl: rig.sandbox.url });
    const modelCredential = await createModelCredential(rig.api, model.url);
    const bearer = await createBearerCredential(rig.api, rig.sandbox.apiKey);
    const built = agentWorkflow({
      name: 'Distribu agent (MCP)',
      prompt: PROMPT,
      systemMessage: AGENT_SYSTEM_MESSAGE,
      modelName: model.model,
      modelCredential,
      tools: [mcpClientToolNode(mcp.url, bearer)],
    });
    run = await runAgentWorkflow(rig.api, rig.n8n.webhookBaseUrl, built);
    timings['agent run'] = run.seconds;
    log(`the agent run took ${run.seconds.toFixed(1)} s over ${model.requests.length} model requests (streamed: ${model.requests.filter((r) => r.stream).length})`);
  }, 20 * MINUTE);

  afterAll(async () => {
    await rig?.dispose();
    await mcp?.close();
    await model?.close();
    timings['whole suite'] = (Date.now() - suiteStarted) / 1000;
    log(`timings (s): ${JSON.stringify(timings)}`);
  }, 2 * MINUTE);

  test('the model received every MCP tool with its description, every parameter described, the enums and the required lists', () => {
    expect(model!.problems).toEqual([]);
    const received = model!.requests[0]!.tools;
    expect(received.map((t) => t.name).sort()).toEqual(mcpTools.map((t) => mcpToolName(t.name)).sort());
    let parameters = 0;
    let described = 0;
    let enums = 0;
    for (const served of mcpTools) {
      const tool = received.find((t) => t.name === mcpToolName(served.name))!;
      expect(tool.description).toBe(served.description);
      const got = schemaProperties(tool.parameters);
      const sent = schemaProperties(served.inputSchema as never);
      // Every parameter the server declares arrives, nested line-item fields included, each with its description.
      expect({ tool: served.name, paths: got.map((p) => p.path) }).toEqual({ tool: served.name, paths: sent.map((p) => p.path) });
      for (const property of sent) {
        const arrived = got.find((p) => p.path === property.path)!;
        parameters++;
        expect({ tool: served.name, path: property.path, description: arrived.schema.description, required: arrived.required }).toEqual({
          tool: served.name,
          path: property.path,
          description: property.schema.description,
          required: property.required,
        });
        if (arrived.schema.description) described++;
        if (property.schema.enum) {
          expect({ tool: served.name, path: property.path, enum: arrived.schema.enum }).toEqual({ tool: served.name, path: property.path, enum: property.schema.enum });
          enums++;
        }
      }
    }
    log(`the model received ${received.length} tools with ${parameters} parameters (nested included), ${described} described, ${enums} with their enum`);
    expect(described).toBe(parameters);
    expect(enums).toBeGreaterThanOrEqual(6);
    const lineItems = received.find((t) => t.name === mcpToolName('order_create'))!.parameters.properties!.lineItems!;
    expect(lineItems.type).toBe('array');
  });

  test('the agent ordered three line items, confirmed and shipped the order with tracking; the refused cancellation came back readable', async () => {
    expect(run.status).toBe(200);
    const { orderId, refusal } = expectOrderPlaced(rig!.sandbox);
    await expectAgentWrites(rig!.controls, orderId);
    const toolMessages = model!.requests.at(-1)!.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(ORDERING_STEPS.length);
    expect(String(toolMessages.at(-1)!.content)).toContain(refusal);
    expect((run.answer as { output: string }).output).toContain(refusal);
    log(`what the model got back for the refused cancellation: ${String(toolMessages.at(-1)!.content)}`);
    // Each tool call ran as one run of the MCP Client Tool node; the refusal is a result, not a failed execution.
    expect(toolRuns(run.execution, [MCP_NODE_NAME])).toHaveLength(ORDERING_STEPS.length);
    expect(run.execution.status).toBe('success');
  });

  test('no Distribu key reached the model, n8n\'s execution data or n8n\'s log', () => {
    const seen = [...model!.requests.map((r) => `${r.raw}${JSON.stringify(r.headers)}`), JSON.stringify(run.execution), rig!.n8nLog()].join('\n');
    expect(seen).toContain(PLAN.trackingNumber);
    for (const key of [rig!.sandbox.apiKey, rig!.apiKey]) expect(seen).not.toContain(key);
  });
});
