/**
 * n8n AI Agent workflows for the real-n8n agent suites and the demo: a published Webhook (POST, answers with the
 * agent's output) → AI Agent (typeVersion 3.1) with an OpenAI Chat Model pointed at an OpenAI-compatible server
 * (the scripted model) and the given tool nodes; and readers for what each tool did in the saved execution.
 * The Chat Model has "Use Responses API" off: n8n 2.40's node (typeVersion 1.3) turns it on by default, and
 * OpenAI-compatible servers speak Chat Completions.
 */
import { randomUUID } from 'node:crypto';
import type { Credential, Execution, N8nClient, WorkflowDefinition, WorkflowNode } from './api';
import { START_NODE_NAME, webhookStart } from './action-workflows';
import { waitFor } from '../wait';

export const AGENT_NODE_NAME = 'AI Agent';
export const CHAT_MODEL_NODE_NAME = 'OpenAI Chat Model';
export const OPENAI_CREDENTIAL_TYPE = 'openAiApi';

/** An OpenAI credential whose Base URL is the scripted model; the key is a placeholder it never checks. */
export function createModelCredential(api: N8nClient, baseUrl: string): Promise<Credential> {
  return api.createCredential({ name: 'Scripted model', type: OPENAI_CREDENTIAL_TYPE, data: { apiKey: 'sk-scripted-model-placeholder', url: baseUrl, header: false } });
}

export function agentWorkflow(input: {
  name: string;
  prompt: string;
  systemMessage: string;
  modelName: string;
  modelCredential: Pick<Credential, 'id' | 'name'>;
  tools: WorkflowNode[];
}): { definition: WorkflowDefinition; path: string } {
  const path = randomUUID();
  const start = webhookStart(path, 'firstEntryJson');
  const agent: WorkflowNode = {
    name: AGENT_NODE_NAME,
    type: '@n8n/n8n-nodes-langchain.agent',
    typeVersion: 3.1,
    position: [240, 0],
    parameters: { promptType: 'define', text: input.prompt, options: { systemMessage: input.systemMessage } },
  };
  const model: WorkflowNode = {
    name: CHAT_MODEL_NODE_NAME,
    type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
    typeVersion: 1.3,
    position: [0, 240],
    parameters: { model: { __rl: true, mode: 'id', value: input.modelName }, responsesApiEnabled: false, options: { maxRetries: 0 } },
    credentials: { [OPENAI_CREDENTIAL_TYPE]: { id: input.modelCredential.id, name: input.modelCredential.name } },
  };
  const connections: Record<string, unknown> = {
    [START_NODE_NAME]: { main: [[{ node: AGENT_NODE_NAME, type: 'main', index: 0 }]] },
    [CHAT_MODEL_NODE_NAME]: { ai_languageModel: [[{ node: AGENT_NODE_NAME, type: 'ai_languageModel', index: 0 }]] },
  };
  for (const tool of input.tools) connections[tool.name] = { ai_tool: [[{ node: AGENT_NODE_NAME, type: 'ai_tool', index: 0 }]] };
  return { definition: { name: input.name, nodes: [start, agent, model, ...input.tools], connections, settings: { executionOrder: 'v1' } }, path };
}

/** Publishes the workflow, POSTs once, unpublishes; returns the HTTP answer and the saved execution. */
export async function runAgentWorkflow(
  api: N8nClient,
  webhookBaseUrl: string,
  built: { definition: WorkflowDefinition; path: string },
): Promise<{ status: number; answer: unknown; execution: Execution; seconds: number }> {
  const workflow = await api.createWorkflow(built.definition);
  await api.publish(workflow.id);
  await api.waitUntilPublished(workflow.id);
  const started = Date.now();
  const response = await fetch(`${webhookBaseUrl}webhook/${built.path}`, { method: 'POST', signal: AbortSignal.timeout(5 * 60_000) });
  const text = await response.text();
  const seconds = (Date.now() - started) / 1000;
  const execution = await waitFor('the agent execution', async () => {
    const [latest] = await api.listExecutions(workflow.id, { includeData: true });
    return latest && latest.status !== 'running' && latest.status !== 'new' ? latest : undefined;
  });
  await api.unpublish(workflow.id);
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    // Kept as text.
  }
  return { status: response.status, answer, execution, seconds };
}

type ToolTask = { data?: Record<string, Array<Array<{ json: Record<string, unknown> }> | null> | undefined>; error?: { message?: string }; inputOverride?: unknown };

/** Every run of the named tool nodes in the execution, in order of start: what each received and returned. */
export function toolRuns(execution: Execution, toolNames: string[]): Array<{ node: string; output: Array<Record<string, unknown>>; error?: string; startTime: number }> {
  const runData = (execution.data?.resultData?.runData ?? {}) as unknown as Record<string, Array<ToolTask & { startTime: number }>>;
  return toolNames
    .flatMap((node) =>
      (runData[node] ?? []).map((task) => ({
        node,
        startTime: task.startTime,
        output: Object.values(task.data ?? {}).flatMap((outputs) => (outputs ?? []).flatMap((items) => (items ?? []).map((item) => item.json))),
        error: task.error?.message,
      })),
    )
    .sort((a, b) => a.startTime - b.startTime);
}

export const MCP_NODE_NAME = 'Distribu MCP';

/** The name under which the model sees an MCP tool: n8n prefixes it with the MCP Client Tool node's name. */
export function mcpToolName(tool: string, nodeName = MCP_NODE_NAME): string {
  return `${nodeName.replace(/[^a-zA-Z0-9]/g, '_')}_${tool}`;
}

/** How n8n's MCP Client Tool authenticates: the credential type each of its Authentication options takes. */
export const MCP_CLIENT_AUTH = { bearerAuth: 'httpBearerAuth', multipleHeadersAuth: 'httpMultipleHeadersAuth' } as const;
export type McpClientAuth = keyof typeof MCP_CLIENT_AUTH;

/**
 * n8n's MCP Client Tool (1.4) on a Streamable HTTP endpoint, every tool offered, authenticated with a credential:
 * Bearer Auth (an API key) by default, or Multiple Headers Auth (client credentials and the provider's headers).
 */
export function mcpClientToolNode(
  endpointUrl: string,
  credential: Pick<Credential, 'id' | 'name'>,
  options: { position?: [number, number]; name?: string; authentication?: McpClientAuth } = {},
): WorkflowNode {
  const authentication = options.authentication ?? 'bearerAuth';
  return {
    name: options.name ?? MCP_NODE_NAME,
    type: '@n8n/n8n-nodes-langchain.mcpClientTool',
    typeVersion: 1.4,
    position: options.position ?? [240, 240],
    parameters: { endpointUrl, serverTransport: 'httpStreamable', authentication, include: 'all', options: {} },
    credentials: { [MCP_CLIENT_AUTH[authentication]]: { id: credential.id, name: credential.name } },
  };
}

/** A Bearer Auth credential holding the Distribu API key the MCP server forwards. */
export function createBearerCredential(api: N8nClient, apiKey: string): Promise<Credential> {
  return api.createCredential({ name: 'Distribu API key (MCP)', type: MCP_CLIENT_AUTH.bearerAuth, data: { token: apiKey } });
}

/** A Multiple Headers Auth credential: the headers n8n's MCP Client Tool sends with every request. */
export function createHeadersCredential(api: N8nClient, name: string, headers: Record<string, string>): Promise<Credential> {
  return api.createCredential({ name, type: MCP_CLIENT_AUTH.multipleHeadersAuth, data: { headers: { values: Object.entries(headers).map(([header, value]) => ({ name: header, value })) } } });
}
