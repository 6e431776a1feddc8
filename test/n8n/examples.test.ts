// The example workflows: the README's polling recipe uses the package's nodes with options they
// offer, and the figures the README states are the code's; the AI Agent example's $fromAI calls as n8n parses them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traverseNodeParameters } from 'n8n-workflow';
import { DEFAULT_MAX_PAGES, DEFAULT_MAX_REMEMBERED, operations } from '@distribu/shared/runtime';
import { AGENT_EXAMPLE_OPERATIONS, DISTRIBU_TOOL_NODE_TYPE, modelDescription } from '../../n8n-node/scripts/agent-tools';
import { DistribuPollTrigger } from '../../n8n-node/nodes/DistribuPollTrigger/DistribuPollTrigger.node';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';

const pkgDir = join(__dirname, '..', '..', 'n8n-node');
const workflow = JSON.parse(readFileSync(join(pkgDir, 'examples/webhook-plus-poller.json'), 'utf8'));
const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');

const optionsOf = (description: { properties: Array<{ name: string; options?: unknown[] }> }, name: string) =>
  (description.properties.find((p) => p.name === name)!.options as Array<{ value: string }>).map((o) => o.value);

test('the example workflow wires both triggers into Remove Duplicates with events the nodes offer', () => {
  const byType = (type: string) => workflow.nodes.filter((n: { type: string }) => n.type === type);
  const [webhook] = byType('n8n-nodes-distribu.distribuTrigger');
  const pollers = byType('n8n-nodes-distribu.distribuPollTrigger');
  const webhookNode = new DistribuTrigger().description;
  const pollNode = new DistribuPollTrigger().description;
  expect(webhook.typeVersion).toBe(webhookNode.version);
  for (const event of webhook.parameters.events) expect(optionsOf(webhookNode, 'events')).toContain(event);
  expect(pollers.map((p: { parameters: { event: string } }) => p.parameters.event)).toEqual(webhook.parameters.events);
  for (const p of pollers) {
    expect(p.typeVersion).toBe(pollNode.version);
    expect(optionsOf(pollNode, 'event')).toContain(p.parameters.event);
  }
  const [dedupe] = byType('n8n-nodes-base.removeDuplicates');
  expect(dedupe.parameters.operation).toBe('removeItemsSeenInPreviousExecutions');
  for (const trigger of [webhook, ...pollers]) {
    expect(workflow.connections[trigger.name].main[0]).toEqual([{ node: dedupe.name, type: 'main', index: 0 }]);
  }
  expect(readme).toContain(dedupe.parameters.dedupeValue.replace(/^=/, ''));
});

test("the README's figures for the polling trigger are the code's defaults", () => {
  expect(readme).toContain(`pages of 100 records (default ${DEFAULT_MAX_PAGES})`);
  expect(readme).toContain(`at most ${DEFAULT_MAX_REMEMBERED.toLocaleString('en-US')} records`);
});

describe('the AI Agent example (examples/ai-agent-tools.json, generated from the operation catalog)', () => {
  const agentExample = JSON.parse(readFileSync(join(pkgDir, 'examples/ai-agent-tools.json'), 'utf8'));
  const tools = agentExample.nodes.filter((n: { type: string }) => n.type === DISTRIBU_TOOL_NODE_TYPE);

  it('has one Distribu Tool per operation an ordering agent needs, each connected to the AI Agent as a tool', () => {
    expect(tools.map((t: { parameters: { resource: string; operation: string } }) => `${t.parameters.resource}.${t.parameters.operation}`)).toEqual(AGENT_EXAMPLE_OPERATIONS);
    for (const tool of tools) expect(agentExample.connections[tool.name]).toEqual({ ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] });
    const model = agentExample.nodes.find((n: { type: string }) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi');
    // Chat Completions: the Responses API (the node's default) is not what OpenAI-compatible servers speak.
    expect(model.parameters.responsesApiEnabled).toBe(false);
  });

  it.each(AGENT_EXAMPLE_OPERATIONS)('%s: n8n reads a described $fromAI argument for every input the model fills; optional ones have a default', (key) => {
    const op = operations.find((o) => o.key === key)!;
    const tool = tools.find((t: { parameters: { resource: string; operation: string } }) => `${t.parameters.resource}.${t.parameters.operation}` === key);
    // n8n's own parser, the one that builds the tool's schema.
    const args: Array<{ key: string; description?: string; type: string; defaultValue?: unknown }> = [];
    traverseNodeParameters(tool.parameters, args as never);
    const offered = op.inputs.filter((i) => i.required || i.default !== undefined || !['number', 'integer', 'boolean'].includes(i.type));
    expect(args.map((a) => a.key).sort()).toEqual(offered.map((i) => i.key).sort());
    for (const input of offered) {
      const arg = args.find((a) => a.key === input.key)!;
      expect(arg.description).toBe(modelDescription(input));
      for (const value of input.enum ?? []) expect(arg.description).toContain(value);
      expect(arg.defaultValue === undefined).toBe(input.required);
      if (input.items) {
        expect(arg.type).toBe('json');
        for (const field of input.items) expect(arg.description).toContain(`${field.key}: ${field.description}`);
      }
    }
  });
});
