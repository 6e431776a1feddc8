/**
 * The demo's AI-agent section: inside the running n8n, an AI Agent with the MCP Client Tool (HTTP Streamable,
 * Bearer Auth with the Distribu key) connected to the Distribu MCP server (mcp/) places an order with three line
 * items, confirms and ships it with tracking, and tries to cancel it, which Distribu refuses. The model is the
 * scripted OpenAI-compatible stand-in (scripts/llm/): no LLM is called, and the output says so. Each row is one
 * tool call the agent made, with what Distribu shows afterwards.
 */
import { startDistribuMcpHttpServer } from '../mcp/src';
import type { SandboxClient } from '../sandbox/src/client';
import { orderingScript, type OrderingPlan } from '../scripts/llm/ordering-script';
import { findInResult, startScriptedModel, toolResults } from '../scripts/llm/scripted-model';
import { N8nClient } from '../scripts/n8n/api';
import { agentWorkflow, createBearerCredential, createModelCredential, mcpClientToolNode, mcpToolName, runAgentWorkflow } from '../scripts/n8n/agent-workflows';
import { AGENT_SYSTEM_MESSAGE } from '../n8n-node/scripts/agent-tools';
import type { ActionRow } from './actions';

type Rec = { id: string } & Record<string, any>;

const QUANTITIES = [3, 12, 2];

/** Three products still on sale with stock to spare (the demo's story deactivates one and sells others low). */
async function plan(distribu: SandboxClient): Promise<OrderingPlan> {
  const products = (await distribu.api<{ data: Rec[] }>('GET', '/products?active=true&limit=100')).data.filter((p) => p.stock >= 20);
  if (products.length < QUANTITIES.length) throw new Error('the demo data has fewer than three products on sale with stock');
  return {
    customerEmail: 'orders@bluebirdcafe.com',
    lines: QUANTITIES.map((quantity, i) => ({ sku: products[i]!.sku as string, quantity })),
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456799',
  };
}

const short = (id: unknown) => `${String(id).slice(0, 10)}…`;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function agentSection(
  sandbox: { url: string; apiKey: string },
  distribu: SandboxClient,
  n8n: { url: string; owner: { email: string; password: string } },
): Promise<{ rows: ActionRow[]; summary: string }> {
  const PLAN = await plan(distribu);
  const tool = (name: string) => (t: { name: string }) => t.name === mcpToolName(name);
  const model = await startScriptedModel({
    script: orderingScript({ findCustomers: tool('customer_get_all'), listProducts: tool('product_get_all'), createOrder: tool('order_create'), updateStatus: tool('order_update_status') }, PLAN),
  });
  const mcp = await startDistribuMcpHttpServer({ port: 0, host: '127.0.0.1', baseUrl: sandbox.url });
  try {
    const api = new N8nClient(n8n.url);
    await api.login(n8n.owner.email, n8n.owner.password);
    await api.createApiKey('distribu-demo-agent');
    const built = agentWorkflow({
      name: 'Distribu: AI agent through the MCP server',
      prompt: `Order for ${PLAN.customerEmail}: ${PLAN.lines.map((l) => `${l.quantity} x ${l.sku}`).join(', ')}. Confirm it, ship it with ${PLAN.carrier} ${PLAN.trackingNumber}, then cancel it.`,
      systemMessage: AGENT_SYSTEM_MESSAGE,
      modelName: model.model,
      modelCredential: await createModelCredential(api, model.url),
      tools: [mcpClientToolNode(mcp.url, await createBearerCredential(api, sandbox.apiKey))],
    });
    const run = await runAgentWorkflow(api, `${n8n.url}/`, built);
    const calls = toolResults(model.requests.at(-1)?.messages ?? []);
    const received = model.requests[0]?.tools ?? [];
    const rows: ActionRow[] = [];
    const created = calls.find((c) => c.tool === mcpToolName('order_create'));
    const orderId = created ? (findInResult(created.content, 'id') as string | undefined) : undefined;
    const order = orderId ? (await distribu.api<{ data: Rec }>('GET', `/orders/${orderId}`)).data : undefined;
    for (const call of calls) {
      const name = call.tool.slice(mcpToolName('').length);
      const args = call.arguments as Record<string, any>;
      let result: string;
      let ok = !/^Scripted model:/.test(call.content);
      if (name === 'customer_get_all') result = `found ${args.search}`;
      else if (name === 'product_get_all') result = `listed the products (${(call.content.match(/"sku"/g) ?? []).length})`;
      else if (name === 'order_create') {
        result = orderId ? `order ${short(orderId)} with ${order?.items?.length ?? 0} line items` : clip(call.content, 60);
        ok &&= order?.items?.length === PLAN.lines.length;
      } else if (args.status === 'CANCELLED') {
        // The model read `[{"error": "<Distribu's sentence>"}]`: the sentence is what matters.
        result = `refused: "${clip(String(findInResult(call.content, 'error') ?? call.content), 52)}"`;
        ok &&= /refused/.test(call.content) && order?.status === 'SHIPPED';
      } else result = args.status === 'SHIPPED' ? `SHIPPED with ${args.carrier} ${args.trackingNumber}` : String(args.status);
      rows.push({ connector: 'n8n', action: `AI Agent → MCP ${name}`, result, ok });
    }
    const described = received.flatMap((t) => Object.values(t.parameters.properties ?? {})).filter((p) => p.description).length;
    const parameters = received.flatMap((t) => Object.values(t.parameters.properties ?? {})).length;
    const allOk = run.status === 200 && rows.length === 6 && rows.every((r) => r.ok) && order?.status === 'SHIPPED';
    rows.push({ connector: 'n8n', action: 'Distribu afterwards', result: order ? `order ${short(orderId)} ${order.status}, ${order.tracking?.carrier ?? 'no'} tracking` : 'no order', ok: allOk });
    for (const problem of model.problems) rows.push({ connector: 'n8n', action: 'Scripted model', result: clip(problem, 60), ok: false });
    const summary = allOk
      ? `Agent run (scripted model, no LLM): ${received.length} MCP tools, ${described}/${parameters} parameters described; ${PLAN.lines.length} lines ordered, shipped, refusal read.`
      : 'The agent run did not do what it should: see the rows marked ✘.';
    return { rows, summary };
  } finally {
    await mcp.close();
    await model.close();
  }
}
