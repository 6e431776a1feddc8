// Distribu's host provider: the names its users already have, and the catalogs the hosts generate from.
import { distribuHost } from '@distribu/shared/providers/distribu';
import { hostProviders } from '@distribu/shared/hosts';
import { events, operations, pollableEvents, runOperationWith, distribuOperationRules, DistribuClient, type Transport } from '@distribu/shared/runtime';

test('Distribu keeps its package, node, credential and MCP names', () => {
  expect(distribuHost.names.n8n).toEqual({
    packageName: 'n8n-nodes-distribu',
    nodes: {
      trigger: { name: 'distribuTrigger', className: 'DistribuTrigger' },
      pollTrigger: { name: 'distribuPollTrigger', className: 'DistribuPollTrigger' },
      action: { name: 'distribu', className: 'Distribu' },
    },
    credential: { name: 'distribuApi', className: 'DistribuApi', displayName: 'Distribu API' },
    icons: { light: 'distribu.svg', dark: 'distribu.dark.svg' },
    listing: expect.objectContaining({ categories: ['Sales'] }),
  });
  expect(distribuHost.names.mcp).toEqual({ packageName: '@distribu/mcp-server', bin: 'distribu-mcp' });
  expect(hostProviders.map((p) => p.provider.id)).toContain('distribu');
});

test('the hosts get the generated catalogs, the pollable events and an API rooted under /api/v1', () => {
  expect(distribuHost.events).toBe(events);
  expect(distribuHost.operations).toBe(operations);
  expect(distribuHost.pollable.map((e) => e.name)).toEqual(pollableEvents(events).map((e) => e.name));
  expect(distribuHost.eventOf('order.created')?.key).toBe('order_created');
  expect(distribuHost.eventOf('nope')).toBeUndefined();
  expect(distribuHost.api?.baseUrl.toRoot('https://example.test/')).toBe('https://example.test/api/v1');
  expect(distribuHost.subscription).toMatchObject({ mode: 'api', cap: 10 });
});

test('the executor applies the rules it is given, not a module-level list', async () => {
  const lowStock = operations.find((op) => op.inputs.some((input) => input.local))!;
  const records = [{ id: 'a', stock: 1 }, { id: 'b', stock: 50 }];
  const transport: Transport = async () => ({ status: 200, body: { data: records, pagination: { hasMore: false, nextCursor: null } } });
  const client = new DistribuClient(transport);
  const localKey = lowStock.inputs.find((input) => input.local)!.key;
  const onlyB = { ...distribuOperationRules, localFilters: { [localKey]: (r: Record<string, unknown>) => r.id === 'b' } };
  expect((await runOperationWith(onlyB, client, lowStock, { [localKey]: true }, { returnAll: true })).map((r) => r.id)).toEqual(['b']);
  expect((await runOperationWith(distribuOperationRules, client, lowStock, { [localKey]: true }, { returnAll: true })).map((r) => r.id)).toEqual(['a']);
  await expect(runOperationWith({ ...distribuOperationRules, localFilters: {} }, client, lowStock, { [localKey]: true }, { returnAll: true })).rejects.toThrow(
    `No client-side filter is defined for ${localKey}.`,
  );
});
