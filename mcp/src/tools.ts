// The tools, as generated from the operation catalog (mcp/generated/tools.json), and how one runs:
// the connectors' own executor (input checks, REST call, pages, plain errors), never a second one.
import { DistribuClient, distribuOperationRules, getOperation } from '@distribu/shared/runtime';
import { tools as generated } from '../generated/tools.json';
import { callToolWith, restRun, type ToolResult, type ToolRunner } from './run-tool';
import type { DistribuTool } from './tool-types';

export { callToolWith, errorResult, restRun, runnerOf, type OperationRun, type ToolResult, type ToolRunner } from './run-tool';

export const tools: readonly DistribuTool[] = generated as unknown as DistribuTool[];

const byName = new Map(tools.map((tool) => [tool.name, tool]));

export function getTool(name: string): DistribuTool | undefined {
  return byName.get(name);
}

const distribuRunner: ToolRunner = { name: 'Distribu', operationOf: getOperation, run: restRun(distribuOperationRules) };

/**
 * Runs one tool call against Distribu. Every failure is a result with isError (a model reads it and
 * can correct itself), never a protocol error. Nothing is retried: a create that fails without a
 * clear answer says so and asks to check Distribu first.
 */
export function callTool(client: DistribuClient, tool: DistribuTool, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return callToolWith(distribuRunner, client, tool, args);
}

