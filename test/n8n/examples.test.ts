// The README's polling recipe: the example workflow uses the package's nodes with options they
// offer, and the figures the README states are the code's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_PAGES, DEFAULT_MAX_REMEMBERED } from '@distribu/shared/runtime';
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
