// n8n-nodes-dist0's dist0 action node and dist0 Polling Trigger as generated and built (esbuild, as
// n8n-node/scripts/build.mts bundles them), driven as n8n drives them against the dist0 sandbox over real
// HTTP: the node's parameters come from the read API's catalog (one operation per capability, usable as an AI
// tool, each with its agent description); Get Many pages up to the Limit or to the end; a 403 (unknown or
// cancelled key) reaches the user in dist0's plain words without the key; bad input is refused before any call.
// The polling trigger's first poll only remembers, later polls emit each new pain once, oldest first, also after
// a pause in which several were found.
import { execFileSync } from 'node:child_process';
import type { IDataObject } from 'n8n-workflow';
import { join } from 'node:path';
import { dist0RuntimeOps } from '@distribu/shared/providers/dist0';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';
import { actionContext } from './support/action-context';
import { httpTo } from './support/context';
import { makePollContext } from './support/poll-context';

const root = join(__dirname, '..', '..');
const pkg = join(root, 'n8n-node', 'packages', 'dist0');
let Action: new () => any;
let Poll: new () => any;
let sandbox: Dist0Sandbox;

beforeAll(async () => {
  // Built as n8n-node/scripts/build.mts builds the package (its dist/, ignored by git; n8n-workflow resolves from the repository).
  const out = join(pkg, 'dist');
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'n8n-node/scripts/build.mts'), '--package', 'dist0'], { cwd: join(root, 'n8n-node'), stdio: 'pipe' });
  Action = require(join(out, 'nodes/Dist0/Dist0.node.js')).Dist0;
  Poll = require(join(out, 'nodes/Dist0PollTrigger/Dist0PollTrigger.node.js')).Dist0PollTrigger;
  sandbox = await startDist0Sandbox();
}, 60_000);

afterAll(() => sandbox?.close());

const run = (parameters: IDataObject, apiKey = sandbox.apiKey, continueOnFail = false) => {
  const node = new Action();
  const { ctx, hints, requests } = actionContext({ api: httpTo(apiKey), baseUrl: sandbox.url, parameters, continueOnFail });
  return { result: node.execute.call(ctx) as Promise<Array<Array<{ json: Record<string, unknown> }>>>, hints, requests };
};
const jsonOf = async (p: ReturnType<typeof run>) => (await p.result)[0]!.map((item) => item.json);

test('one operation per capability, grouped by resource, usable as an AI tool with a description per operation', () => {
  const { description } = new Action();
  expect(description.usableAsTool).toBe(true);
  const resource = description.properties.find((p: any) => p.name === 'resource');
  expect(resource.options.map((o: any) => o.name)).toEqual(['Brief', 'Content Brief', 'Next Move', 'Pain', 'Post', 'Project', 'Run']);
  const operations = description.properties.filter((p: any) => p.name === 'operation').flatMap((p: any) => p.options);
  expect(operations).toHaveLength(13);
  const tools = description.properties.filter((p: any) => p.name === 'toolDescription');
  expect(tools).toHaveLength(13);
  expect(tools.find((t: any) => t.displayOptions.show.resource[0] === 'pain' && t.displayOptions.show.operation[0] === 'getSources').default).toBe(
    'Get pain sources in dist0. Gets the posts that mention one buyer pain, newest first. Changes nothing. Inputs: id (required). Output: the pain with painId and posts.',
  );
  expect(dist0RuntimeOps.find((op) => op.key === 'pains.list')!.inputs.map((i) => i.key)).toEqual(['sort']);
});

test('Get Many reads pages up to the Limit (and says more exist), or every page with Return All', async () => {
  for (let i = 0; i < 4; i += 1) sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'pain', painTitle: `Pain ${i}` });
  const total = [...sandbox.store.pains.values()].filter((p) => p.projectId === 'prj_9f2a').length;
  const limited = run({ resource: 'pain', operation: 'getMany', limit: 2, returnAll: false, filters: { sort: 'recent' } });
  const two = await jsonOf(limited);
  expect(two).toHaveLength(2);
  // Newest first: two of the four just found (found in the same millisecond, so in either order).
  expect(two.map((p) => p.title)).toEqual([expect.stringMatching(/^Pain \d$/), expect.stringMatching(/^Pain \d$/)]);
  expect(limited.hints.map((h) => h.message)).toEqual(['dist0 has more results than the 2 returned (the Limit). Turn on Return All, or raise Limit, to get them.']);
  const all = await jsonOf(run({ resource: 'pain', operation: 'getMany', returnAll: true, filters: { sort: 'posts' } }));
  expect(all).toHaveLength(total);
  expect(all[0]!.posts).toBe(7);
});

test('get, sources, memory and a post by the id a webhook signal carries', async () => {
  const [pain] = await jsonOf(run({ resource: 'pain', operation: 'get', id: 'pain_1' }));
  expect(pain).toMatchObject({ id: 'pain_1', title: 'Losing track of lead sources', posts: 7 });
  const [sources] = await jsonOf(run({ resource: 'pain', operation: 'getSources', id: 'pain_1' }));
  expect((sources!.posts as unknown[]).length).toBe(7);
  const signal = sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'competitor' });
  const [post] = await jsonOf(run({ resource: 'post', operation: 'get', id: signal.postId }));
  expect(post!.id).toBe(signal.postId);
  const [memory] = await jsonOf(run({ resource: 'project', operation: 'getMemory' }));
  expect(memory!.notes).toContain('Sells lead attribution to small agencies.');
});

test('a 403 (unknown or cancelled key) and a 404 reach the user in plain words, without the key', async () => {
  const key = 'd0k_cancelled_or_never_made_123';
  const refused = run({ resource: 'pain', operation: 'get', id: 'pain_1' }, key);
  const error = await refused.result.catch((e: Error & { httpCode?: string }) => e);
  expect((error as Error).message).toBe('dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.');
  expect((error as { httpCode?: string }).httpCode).toBe('403');
  expect(JSON.stringify(error)).not.toContain(key);
  const missing = await jsonOf(run({ resource: 'brief', operation: 'get', id: 'brf_nope' }, sandbox.apiKey, true));
  expect(missing).toEqual([{ error: 'dist0 has nothing with that id in this project. dist0 said: No brief brf_nope in this project.' }]);
});

test('bad input is refused in plain words before any call', async () => {
  const empty = run({ resource: 'run', operation: 'get', id: '' });
  await expect(empty.result).rejects.toThrow(/ID/);
  const wrong = run({ resource: 'pain', operation: 'getMany', limit: 5, returnAll: false, filters: { sort: 'loudest' } });
  await expect(wrong.result).rejects.toThrow(/Sort/);
  expect([...empty.requests, ...wrong.requests]).toHaveLength(0);
});

test('the polling trigger: the first poll remembers, each new pain runs once, oldest first, also after a pause', async () => {
  const node = new Poll();
  const { ctx, staticData } = makePollContext({ api: httpTo(sandbox.apiKey), baseUrl: sandbox.url, event: 'pain.found' });
  expect(await node.poll.call(ctx)).toBeNull();
  const remembered = (staticData.dist0Poll as { ids: string[] }).ids.length;
  expect(remembered).toBe([...sandbox.store.pains.values()].filter((p) => p.projectId === 'prj_9f2a').length);
  expect(await node.poll.call(ctx)).toBeNull();
  // "n8n was down": three pains found (and a competitor mention, which makes no pain) between two polls.
  const found = ['A', 'B', 'C'].map((t) => sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'pain', painTitle: `While down ${t}` }).painId);
  sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'competitor' });
  const [items] = (await node.poll.call(ctx)) as Array<Array<{ json: Record<string, unknown> }>>;
  expect(new Set(items!.map((i) => i.json.id))).toEqual(new Set(found));
  expect(items!.map((i) => i.json.title).sort()).toEqual(['While down A', 'While down B', 'While down C']);
  expect(await node.poll.call(ctx)).toBeNull();
  // A new signal for a pain already seen makes no new pain: nothing runs.
  sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'pain', painId: found[0]! });
  expect(await node.poll.call(ctx)).toBeNull();
});

test('the polling trigger with a cancelled key: dist0\'s 403 in plain words, declared to n8n as an invalid credential; the state kept', async () => {
  const key = sandbox.store.addKey({ name: 'to cancel' }).key;
  const node = new Poll();
  const { ctx, staticData } = makePollContext({ api: httpTo(key), baseUrl: sandbox.url, event: 'pain.found' });
  expect(await node.poll.call(ctx)).toBeNull();
  const state = JSON.stringify(staticData);
  sandbox.store.keys.get(key)!.cancelled = true;
  const error = (await node.poll.call(ctx).catch((e: unknown) => e)) as Error & { failure?: unknown };
  expect(error.message).toBe('dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.');
  expect(error.failure).toEqual({ cause: 'credential-invalid' });
  expect(JSON.stringify(staticData)).toBe(state);
  expect(JSON.stringify(error)).not.toContain(key);
});
