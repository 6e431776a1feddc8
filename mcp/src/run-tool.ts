// How one tool call runs, for every provider: the connectors' own executor (input checks, REST call, pages, plain
// errors) or the provider's own runner, never a second one. Every failure is a result with isError.
import {
  ApiError,
  DEFAULT_LIMIT,
  InputError,
  NetworkError,
  runOperationWith,
  TokenError,
  type HostRunOptions,
  type OperationClient,
  type OperationRules,
  type RestClient,
  type RuntimeOperation,
} from '@distribu/shared/kit';
// Bounds and redacts a result's words (Distribu's secret shapes, any Bearer token); each provider's own errors
// arrive already redacted by its voice.
import { boundedText } from '@distribu/shared/runtime';
import type { McpProvider } from './provider';
import { LIST_LIMIT_MAX, type DistribuTool } from './tool-types';

/** What a tool call returns (the MCP CallToolResult of a tool with an output schema). */
export interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** An error result: the connectors' plain words, one line, bounded, never a key. */
export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: boundedText(message, 1000) }], isError: true };
}

function message(error: unknown, name: string): string {
  // The provider's words, or a refused client-credentials token's (which never hold the secret).
  if (error instanceof InputError || error instanceof ApiError || error instanceof NetworkError || error instanceof TokenError) return error.message;
  // A defect of this server, not the provider's answer: said as such, its text bounded and redacted.
  return `The ${name} MCP server failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs one operation for a tool: the REST executor with a provider's rules, or the provider's own runner. */
export type OperationRun = (client: RestClient, op: RuntimeOperation, params: Record<string, unknown>, options?: HostRunOptions) => Promise<Record<string, unknown>[]>;

/** What running a tool needs of a provider: its name, its operations and how one runs. */
export interface ToolRunner {
  name: string;
  operationOf(key: string): RuntimeOperation | undefined;
  run: OperationRun;
}

/** The REST executor with these rules (Distribu's operations). */
export function restRun(rules: OperationRules): OperationRun {
  return (client, op, params, options) => runOperationWith(rules, client as RestClient & OperationClient, op, params, options);
}

/** How a provider's tools run: its host's own runner, else the REST executor with its rules. */
export function runnerOf(provider: Pick<McpProvider, 'host' | 'rules'>): OperationRun {
  const perform = provider.host.perform;
  if (perform) return (client, op, params, options) => perform(client, op, params, options);
  if (!provider.rules) throw new Error(`${provider.host.names.displayName}: an MCP provider needs host.perform or the REST executor's rules.`);
  return restRun(provider.rules);
}

/** A list's `limit` argument: a whole number from 1 to LIST_LIMIT_MAX (text such as "10" is read as a number). */
function listLimit(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_LIMIT;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > LIST_LIMIT_MAX) {
    throw new InputError(`Limit must be a whole number from 1 to ${LIST_LIMIT_MAX}; got ${JSON.stringify(raw)}.`, 'limit');
  }
  return n;
}

/** callTool for any provider's runner (its operations and rules). */
export async function callToolWith(runner: ToolRunner, client: RestClient, tool: DistribuTool, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const op = runner.operationOf(tool.operation);
  if (!op) return errorResult(`The ${runner.name} MCP server has no operation ${tool.operation}.`);
  const runOperation = (op: RuntimeOperation, params: Record<string, unknown>, options?: HostRunOptions) => runner.run(client, op, params, options);
  try {
    let structured: Record<string, unknown>;
    if (op.paginated) {
      const { limit, ...params } = args;
      let hasMore = false;
      const records = await runOperation(op, params, { limit: listLimit(limit), onMore: () => (hasMore = true) });
      structured = { records, hasMore };
    } else {
      structured = (await runOperation(op, args))[0]!;
    }
    // The JSON text too, for clients that read only content (MCP's advice for structured results).
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  } catch (error) {
    return errorResult(message(error, runner.name));
  }
}
