// The Zapier app "dist0" (makeApp(dist0Host), zapier/apps/dist0/) through zapier-platform-core's own runner
// (createAppTester) against the dist0 sandbox over real HTTP: the connection test and its label (the project's name),
// New Pain polling newest first with stable ids (what Zapier deduplicates by), a new pain seen by the next poll, the
// searches, and a 403 as ExpiredAuthError (outside the connection test) in plain words without the key.
import { createAppTester } from 'zapier-platform-core';
import dist0App from '../../zapier/apps/dist0/app';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';

const appTester = createAppTester(dist0App as any);
let sandbox: Dist0Sandbox;

beforeAll(async () => {
  sandbox = await startDist0Sandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

const auth = (apiKey = sandbox.apiKey) => ({ authData: { apiKey, baseUrl: sandbox.url } });
async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await response.json()) as any;
}
async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('it did not fail');
}

test('the connection test passes with a key and labels the connection with the project\'s name', async () => {
  const result = (await appTester(dist0App.authentication.test as any, auth())) as { label: string };
  expect(result).toEqual({ label: 'Leadtrail' });
  expect(dist0App.authentication.connectionLabel).toBe('{{label}}');
});

test('the connection test refuses an unknown key in plain words, without the key', async () => {
  const error = await failure(appTester(dist0App.authentication.test as any, { ...auth('d0k_unknown_key_123'), meta: { isTestingAuth: true } }));
  expect(error.name).not.toBe('ExpiredAuthError');
  expect(error.message).toContain('dist0 refused the API key: it is unknown or was cancelled.');
  expect(error.message).not.toContain('d0k_unknown_key_123');
});

test('New Pain: newest first with stable ids; a pain found later is new to the next poll', async () => {
  const first = (await appTester(dist0App.triggers.new_pain!.operation.perform as any, auth())) as Array<{ id: string; title: string }>;
  expect(first.map((p) => p.id)).toEqual(['pain_3', 'pain_2', 'pain_1']);
  await control('POST', '/signals', { projectId: 'prj_9f2a', kind: 'pain', painTitle: 'Exports break on large projects' });
  await control('POST', '/signals', { projectId: 'prj_9f2a', kind: 'competitor' });
  const second = (await appTester(dist0App.triggers.new_pain!.operation.perform as any, auth())) as Array<{ id: string; title: string }>;
  const seen = new Set(first.map((p) => p.id));
  // What Zapier's dedupe by id lets through: the one new pain (a competitor mention is no pain).
  expect(second.filter((p) => !seen.has(p.id)).map((p) => p.title)).toEqual(['Exports break on large projects']);
  expect(second[0]!.title).toBe('Exports break on large projects');
  expect(second.slice(1).map((p) => p.id)).toEqual(first.map((p) => p.id));
});

test('searches: one per read capability that takes an id; found → [record], not found → []', async () => {
  expect(Object.keys(dist0App.searches).sort()).toEqual(['briefs_get', 'contentBriefs_get', 'nextMoves_get', 'pains_get', 'pains_sources', 'posts_get', 'runs_get']);
  const [pain] = (await appTester(dist0App.searches.pains_get!.operation.perform as any, { ...auth(), inputData: { id: 'pain_1' } })) as any[];
  expect(pain).toMatchObject({ id: 'pain_1', title: 'Losing track of lead sources', posts: 7 });
  const sources = (await appTester(dist0App.searches.pains_sources!.operation.perform as any, { ...auth(), inputData: { id: 'pain_2' } })) as any[];
  expect(sources[0].posts).toHaveLength(3);
  // Its answer names the pain as painId; the result keeps the id it was found by (Zapier's id of a search result).
  expect(sources[0]).toMatchObject({ id: 'pain_2', painId: 'pain_2' });
  expect(await appTester(dist0App.searches.posts_get!.operation.perform as any, { ...auth(), inputData: { id: 'post_nope' } })).toEqual([]);
});

test('a cancelled key: ExpiredAuthError where Zapier expects it (a poll, a search), plain words, no key', async () => {
  const key = (await control('POST', '/keys', { name: 'zap' })).key as string;
  await control('POST', '/keys/cancel', { key });
  for (const run of [
    appTester(dist0App.triggers.new_pain!.operation.perform as any, auth(key)),
    appTester(dist0App.searches.pains_get!.operation.perform as any, { ...auth(key), inputData: { id: 'pain_1' } }),
  ]) {
    const error = await failure(run);
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('dist0 refused the API key: it is unknown or was cancelled.');
    expect(error.message).not.toContain(key);
  }
});

test('the app definition is valid for Zapier\'s schema, as zapier-platform-core compiles it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileApp, validateApp } = require('zapier-platform-core/src/tools/schema');
  expect(validateApp(compileApp(dist0App))).toEqual([]);
  // No static (paste-the-URL) hook trigger: the public app polls.
  expect(Object.values(dist0App.triggers).map((t: any) => t.operation.type ?? 'polling')).toEqual(['polling']);
});
