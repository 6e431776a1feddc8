// The tools, as generated from the operation catalog (mcp/generated/tools.json), and how one runs:
// the connectors' own executor (input checks, REST call, pages, plain errors), never a second one.
import {
  boundedText,
  DEFAULT_LIMIT,
  DistribuApiError,
  DistribuClient,
  DistribuInputError,
  DistribuNetworkError,
  getOperation,
  runOperation,
} from '@distribu/shared/runtime';
import { tools as generated } from '../generated/tools.json';
import { LIST_LIMIT_MAX, type DistribuTool } from './tool-types';

export const tools: readonly DistribuTool[] = generated as unknown as DistribuTool[];

const byName = new Map(tools.map((tool) => [tool.name, tool]));

export function getTool(name: string): DistribuTool | undefined {
  return byName.get(name);
}

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

function message(error: unknown): string {
  if (error instanceof DistribuInputError || error instanceof DistribuApiError || error instanceof DistribuNetworkError) return error.message;
  // A defect of this server, not Distribu's answer: said as such, its text bounded and redacted.
  return `The Distribu MCP server failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

/** A list's `limit` argument: a whole number from 1 to LIST_LIMIT_MAX (text such as "10" is read as a number). */
function listLimit(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_LIMIT;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > LIST_LIMIT_MAX) {
    throw new DistribuInputError(`Limit must be a whole number from 1 to ${LIST_LIMIT_MAX}; got ${JSON.stringify(raw)}.`, 'limit');
  }
  return n;
}

/**
 * Runs one tool call against Distribu. Every failure is a result with isError (a model reads it and
 * can correct itself), never a protocol error. Nothing is retried: a create that fails without a
 * clear answer says so and asks to check Distribu first.
 */
export async function callTool(client: DistribuClient, tool: DistribuTool, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const op = getOperation(tool.operation);
  if (!op) return errorResult(`The Distribu MCP server has no operation ${tool.operation}.`);
  try {
    let structured: Record<string, unknown>;
    if (op.paginated) {
      const { limit, ...params } = args;
      let hasMore = false;
      const records = await runOperation(client, op, params, { limit: listLimit(limit), onMore: () => (hasMore = true) });
      structured = { records, hasMore };
    } else {
      structured = (await runOperation(client, op, args))[0]!;
    }
    // The JSON text too, for clients that read only content (MCP's advice for structured results).
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  } catch (error) {
    return errorResult(message(error));
  }
}
