/**
 * A scripted stand-in for an OpenAI-compatible chat model, for the real-n8n agent tests and the demo: no model, no
 * network beyond loopback. It answers `POST /v1/chat/completions` the way OpenAI's Chat Completions API does
 * (non-streaming JSON, or server-sent events when `stream` is true), with `tool_calls` chosen by a script, and
 * `GET /v1/models`. Every request is recorded as received, so a test can assert exactly what the model was told:
 * the tools, their descriptions, each parameter's description, enums and required list.
 *
 * The script is a list of steps. The step to play is the number of tool calls already in the conversation the
 * request carries (each agent turn resends the whole conversation), so retries and repeated runs replay the same
 * step instead of drifting. A step names a tool by a predicate over the tools it received (names differ between
 * n8n's tool nodes and an MCP server), builds the arguments from what earlier tool calls returned, and the last
 * step answers with text. A step that finds no matching tool answers with text saying so (and records a problem),
 * which ends the agent's run with that sentence as its output instead of a hang.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

/** One tool as the model received it (OpenAI's `{type: 'function', function: {...}}`). */
export interface ReceivedTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: JsonSchema;
}

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  [key: string]: unknown;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | string;
  content?: string | Array<{ type: string; text?: string }> | null;
  tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

/** One recorded request to /v1/chat/completions. */
export interface ModelRequest {
  at: number;
  stream: boolean;
  model: string;
  messages: ChatMessage[];
  tools: ReceivedTool[];
  /** The whole body and headers as received (for "no secret reached the model" checks). */
  raw: string;
  headers: Record<string, string | string[] | undefined>;
}

/** What a tool call returned, as the agent sent it back to the model. */
export interface ToolResult {
  tool: string;
  arguments: Record<string, unknown>;
  /** The tool message's text. */
  content: string;
}

export interface StepContext {
  tools: ReceivedTool[];
  /** Earlier tool calls of this conversation with what they returned, oldest first. */
  results: ToolResult[];
  /** The user's message (the agent's prompt). */
  prompt: string;
}

export type ToolCallStep = {
  /** Shown in problems and logs: what this step does. */
  label: string;
  /** Picks the tool to call among those received. */
  tool: (tool: ReceivedTool) => boolean;
  arguments: (context: StepContext) => Record<string, unknown>;
};
export type ReplyStep = { label: string; reply: (context: StepContext) => string };
export type ScriptStep = ToolCallStep | ReplyStep;

export interface ScriptedModel {
  /** Base URL for an OpenAI credential's "Base URL" (ends in /v1). */
  url: string;
  /** The model name it reports (any name is accepted). */
  model: string;
  requests: ModelRequest[];
  /** Steps that could not be played (no matching tool, a failing argument builder), in words. */
  problems: string[];
  close(): Promise<void>;
}

export const SCRIPTED_MODEL_NAME = 'distribu-scripted-model';

/** The text of a message's content (a string, or OpenAI's list of text parts). */
export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (Array.isArray(message.content)) return message.content.map((part) => part.text ?? '').join('');
  return '';
}

/** Earlier tool calls and their results, paired by tool_call_id. */
export function toolResults(messages: ChatMessage[]): ToolResult[] {
  const results: ToolResult[] = [];
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) {
      const answer = messages.find((m) => m.role === 'tool' && m.tool_call_id === call.id);
      let args: Record<string, unknown> = {};
      try {
        args = JSON.parse(call.function.arguments) as Record<string, unknown>;
      } catch {
        // Kept empty: the script reads results, not its own arguments.
      }
      results.push({ tool: call.function.name, arguments: args, content: answer ? messageText(answer) : '' });
    }
  }
  return results;
}

function receivedTools(body: { tools?: Array<{ type?: string; function?: { name: string; description?: string; parameters?: JsonSchema } }> }): ReceivedTool[] {
  return (body.tools ?? [])
    .filter((tool) => tool.type === 'function' && tool.function)
    .map((tool) => ({ name: tool.function!.name, description: tool.function!.description ?? '', parameters: tool.function!.parameters ?? {} }));
}

type Answer = { text: string } | { call: { name: string; arguments: string } };

function play(script: ScriptStep[], request: ModelRequest, problems: string[]): Answer {
  const results = toolResults(request.messages);
  const step = script[results.length];
  const context: StepContext = {
    tools: request.tools,
    results,
    prompt: messageText([...request.messages].reverse().find((m) => m.role === 'user') ?? { role: 'user' }),
  };
  if (!step) return { text: `Scripted model: the script has no step ${results.length + 1}.` };
  try {
    if ('reply' in step) return { text: step.reply(context) };
    const tool = request.tools.find(step.tool);
    if (!tool) {
      const problem = `step ${results.length + 1} (${step.label}): no tool matches among ${request.tools.map((t) => t.name).join(', ') || 'none'}`;
      problems.push(problem);
      return { text: `Scripted model: ${problem}.` };
    }
    return { call: { name: tool.name, arguments: JSON.stringify(step.arguments(context)) } };
  } catch (error) {
    const problem = `step ${results.length + 1} (${step.label}): ${error instanceof Error ? error.message : String(error)}`;
    problems.push(problem);
    return { text: `Scripted model: ${problem}.` };
  }
}

const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };

function completion(model: string, answer: Answer) {
  const message =
    'text' in answer
      ? { role: 'assistant', content: answer.text, refusal: null }
      : { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: `call_${randomUUID().replace(/-/g, '')}`, type: 'function', function: answer.call }] };
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: 'text' in answer ? 'stop' : 'tool_calls' }],
    usage,
  };
}

/** The same answer as OpenAI's stream of `chat.completion.chunk` events, ending with `[DONE]`. */
function chunks(model: string, answer: Answer, includeUsage: boolean): string {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
  let out = chunk({ role: 'assistant', content: '' }, null);
  if ('text' in answer) {
    // Two pieces, as a real stream splits text.
    const half = Math.ceil(answer.text.length / 2);
    out += chunk({ content: answer.text.slice(0, half) }, null) + chunk({ content: answer.text.slice(half) }, null) + chunk({}, 'stop');
  } else {
    const callId = `call_${randomUUID().replace(/-/g, '')}`;
    const args = answer.call.arguments;
    const half = Math.ceil(args.length / 2);
    out +=
      chunk({ tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: answer.call.name, arguments: '' } }] }, null) +
      chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] }, null) +
      chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] }, null) +
      chunk({}, 'tool_calls');
  }
  if (includeUsage) out += `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`;
  return `${out}data: [DONE]\n\n`;
}

/** Starts the scripted model on 127.0.0.1 (a free port unless given). */
export async function startScriptedModel(options: { script: ScriptStep[]; port?: number }): Promise<ScriptedModel> {
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 10 * 1024 * 1024 });
  const requests: ModelRequest[] = [];
  const problems: string[] = [];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.get('/v1/models', async () => ({ object: 'list', data: [{ id: SCRIPTED_MODEL_NAME, object: 'model', created: 0, owned_by: 'distribu-tests' }] }));
  app.post('/v1/chat/completions', async (request, reply) => {
    const raw = String(request.body ?? '');
    let body: { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean }; messages?: ChatMessage[]; tools?: [] };
    try {
      body = JSON.parse(raw);
    } catch {
      return reply.code(400).send({ error: { message: 'The body is not JSON.', type: 'invalid_request_error' } });
    }
    const recorded: ModelRequest = {
      at: Date.now(),
      stream: body.stream === true,
      model: body.model ?? '',
      messages: body.messages ?? [],
      tools: receivedTools(body),
      raw,
      headers: { ...request.headers },
    };
    requests.push(recorded);
    const answer = play(options.script, recorded, problems);
    const model = body.model ?? SCRIPTED_MODEL_NAME;
    if (!recorded.stream) return reply.send(completion(model, answer));
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(chunks(model, answer, body.stream_options?.include_usage === true));
  });
  app.all('/*', async (request, reply) =>
    reply.code(404).send({ error: { message: `The scripted model answers POST /v1/chat/completions and GET /v1/models, not ${request.method} ${request.url}.` } }),
  );
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/v1`, model: SCRIPTED_MODEL_NAME, requests, problems, close: () => app.close() };
}

/** Every property of a tool's argument schema, nested ones (array items, objects) by dotted path. */
export function schemaProperties(schema: JsonSchema, prefix = ''): Array<{ path: string; schema: JsonSchema; required: boolean }> {
  const found: Array<{ path: string; schema: JsonSchema; required: boolean }> = [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    found.push({ path, schema: property, required: (schema.required ?? []).includes(key) });
    if (property.properties) found.push(...schemaProperties(property, path));
    if (property.items?.properties) found.push(...schemaProperties(property.items, `${path}[]`));
  }
  return found;
}

/** The first value of `key` anywhere in a tool result's JSON text (e.g. the new order's `id`). */
export function findInResult(content: string, key: string): unknown {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      // MCP tool results and n8n tool outputs may wrap JSON in text.
      const trimmed = value.trim();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          return visit(JSON.parse(trimmed));
        } catch {
          return undefined;
        }
      }
      return undefined;
    }
    if (Array.isArray(value)) {
      for (const entry of value) {
        const hit = visit(entry);
        if (hit !== undefined) return hit;
      }
      return undefined;
    }
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (key in record) return record[key];
      for (const entry of Object.values(record)) {
        const hit = visit(entry);
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  };
  return visit(content);
}
