/**
 * n8n-nodes-dist0's read side in a real n8n 2.40.7: the generated package built, packed and installed as a
 * community package, workflows created, published and run only through n8n's own APIs, against the dist0 sandbox
 * over real HTTP on loopback (n8n's webhook URL points nowhere: nothing here needs it but the Webhook node that starts
 * the action chain, reached on loopback).
 * - the dist0 node and its AI tool variant (dist0 Tool) are registered, with the polling trigger;
 * - one workflow runs six operations (Get Many with a Limit, Get, Get Sources, Get Post by the id a signal carries,
 *   every brief with Return All, the project's memory), each reading the sandbox's records;
 * - a cancelled key: the run fails with dist0's 403 in plain words, without the key;
 * - the dist0 Polling Trigger: published (its first poll is the baseline), n8n stopped, dist0 finds three pains,
 *   n8n started: each comes out exactly once, and the next poll emits nothing;
 * - an AI Agent (a scripted OpenAI-compatible model, no LLM) with the dist0 MCP server (n8n's MCP Client Tool over
 *   Streamable HTTP) and the dist0 Tool (the node's tool variant): it lists the most mentioned pains through MCP and
 *   reads the top one's posts through the dist0 Tool.
 * n8n polls at most once a minute, so this suite takes minutes. Timings are logged, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { N8nClient, type Credential, type Execution } from '../../scripts/n8n/api';
import { chain, executionError, nodeRun, webhookStart } from '../../scripts/n8n/action-workflows';
import { runOrThrow } from '../../scripts/n8n/exec';
import { installN8n } from '../../scripts/n8n/install';
import { N8nInstance } from '../../scripts/n8n/instance';
import { repoRoot } from '../../scripts/n8n/paths';
import { waitFor } from '../../scripts/wait';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';
import { dist0RuntimeOps } from '@distribu/shared/providers/dist0';
import { dist0Mcp, startDistribuMcpHttpServer } from '../../mcp/src';
import { agentDescription } from '../../n8n-node/src/action/tool';
import { agentWorkflow, createModelCredential, mcpClientToolNode, mcpToolName, runAgentWorkflow, toolRuns } from '../../scripts/n8n/agent-workflows';
import { findInResult, startScriptedModel } from '../../scripts/llm/scripted-model';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[dist0-read-e2e] ${line}\n`);
const PACKAGE = 'n8n-nodes-dist0';
const CREDENTIAL_TYPE = 'dist0Api';
/** TEST-NET-1 (RFC 5737): an address nothing answers on. */
const UNREACHABLE = 'http://192.0.2.1:9/';
const POLL_NODE = 'New Pain';
const timings: Record<string, number> = {};

describe('n8n-nodes-dist0: the dist0 node and the dist0 Polling Trigger in a real n8n 2.x', () => {
  let workDir: string;
  let n8n: N8nInstance | undefined;
  let api: N8nClient;
  let sandbox: Dist0Sandbox;
  let credential: Credential;
  const started = Date.now();

  beforeAll(async () => {
    await installN8n({ log });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist0-read-e2e-'));
    const pkgDir = path.join(repoRoot, 'n8n-node', 'packages', 'dist0');
    await runOrThrow('Building n8n-nodes-dist0', 'npm', ['run', 'build', '-w', 'n8n-node', '--', '--package', 'dist0'], { cwd: repoRoot });
    const packed = JSON.parse(await runOrThrow('npm pack of n8n-nodes-dist0', 'npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', workDir], { cwd: pkgDir })) as Array<{ filename: string }>;
    sandbox = await startDist0Sandbox();
    n8n = await N8nInstance.create({ log });
    await n8n.installCommunityPackage(path.join(workDir, packed[0]!.filename));
    const { seconds } = await n8n.start({ env: { WEBHOOK_URL: UNREACHABLE, N8N_WEBHOOK_URL: UNREACHABLE } });
    timings['n8n start'] = seconds;
    api = new N8nClient(n8n.url);
    await api.login(n8n.owner.email, n8n.owner.password);
    api.useApiKey(await api.createApiKey('dist0-read-e2e'));
    credential = await api.createCredential({ name: 'dist0', type: CREDENTIAL_TYPE, data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url, signingSecret: 'd0s_unused_here' } });
  }, 25 * MINUTE);

  afterAll(async () => {
    await sandbox?.close();
    await n8n?.dispose();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    timings['whole suite'] = (Date.now() - started) / 1000;
    log(`timings (s): ${JSON.stringify(timings)}`);
  }, 2 * MINUTE);

  /** Webhook → the dist0 steps (each run once), published; POSTs to it (on loopback) and returns the saved execution. */
  async function runChain(name: string, steps: Array<{ name: string; parameters: Record<string, unknown> }>, cred: Credential = credential): Promise<Execution> {
    const hookPath = `dist0-${Date.now()}`;
    const nodes = [
      webhookStart(hookPath, 'allEntries'),
      ...steps.map((step, i) => ({
        name: step.name,
        type: `${PACKAGE}.dist0`,
        typeVersion: 1,
        position: [240 * (i + 1), 0] as [number, number],
        parameters: step.parameters,
        credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
        executeOnce: true,
      })),
    ];
    const workflow = await api.createWorkflow({ name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } });
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id);
    const t0 = Date.now();
    const response = await fetch(`${n8n!.url}/webhook/${hookPath}`, { method: 'POST', signal: AbortSignal.timeout(5 * MINUTE) });
    await response.text();
    timings[name] = (Date.now() - t0) / 1000;
    const execution = await waitFor(`the execution of "${name}"`, async () => {
      const [latest] = await api.listExecutions(workflow.id, { includeData: true });
      return latest && latest.status !== 'running' && latest.status !== 'new' ? latest : undefined;
    });
    await api.unpublish(workflow.id);
    return execution;
  }

  test('n8n registers the dist0 node, its AI tool variant and the polling trigger', async () => {
    const described = await api.rest<Array<{ name: string; usableAsTool?: unknown }>>('POST', '/rest/node-types', { nodeInfos: [{ name: `${PACKAGE}.dist0`, version: 1 }] });
    expect(described.map((d) => [d.name, d.usableAsTool])).toEqual([['dist0', true]]);
    const offered = (await api.nodeTypeDescriptions()).filter((d) => d.name.startsWith(`${PACKAGE}.`));
    expect(offered.map((d) => d.name).sort()).toEqual([`${PACKAGE}.dist0`, `${PACKAGE}.dist0PollTrigger`, `${PACKAGE}.dist0Tool`, `${PACKAGE}.dist0Trigger`]);
    const tool = offered.find((d) => d.name === `${PACKAGE}.dist0Tool`)!;
    expect([tool.displayName, tool.outputs]).toEqual(['dist0 Tool', ['ai_tool']]);
    expect(tool.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['resource', 'operation', 'toolDescription', 'id', 'returnAll', 'limit']));
  });

  test('one workflow runs six read operations against dist0', async () => {
    const signal = sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'competitor', post: { title: 'Anyone tried Leadtrail vs. Attributo?' } });
    const execution = await runChain('dist0 reads', [
      { name: 'Top Pains', parameters: { resource: 'pain', operation: 'getMany', returnAll: false, limit: 2, filters: { sort: 'posts' } } },
      { name: 'Get Pain', parameters: { resource: 'pain', operation: 'get', id: "={{ $('Top Pains').first().json.id }}" } },
      { name: 'Pain Sources', parameters: { resource: 'pain', operation: 'getSources', id: "={{ $('Get Pain').first().json.id }}" } },
      { name: 'Signal Post', parameters: { resource: 'post', operation: 'get', id: signal.postId } },
      { name: 'All Briefs', parameters: { resource: 'brief', operation: 'getMany', returnAll: true } },
      { name: 'Memory', parameters: { resource: 'project', operation: 'getMemory' } },
    ]);
    expect(executionError(execution)).toBeUndefined();
    expect(execution.status).toBe('success');
    const top = nodeRun(execution, 'Top Pains');
    expect(top.items.map((p) => [p.id, p.posts])).toEqual([['pain_1', 7], ['pain_3', 5]]);
    expect(top.hints).toEqual(['dist0 has more results than the 2 returned (the Limit). Turn on Return All, or raise Limit, to get them.']);
    expect(nodeRun(execution, 'Get Pain').items).toEqual([expect.objectContaining({ id: 'pain_1', title: 'Losing track of lead sources' })]);
    const sources = nodeRun(execution, 'Pain Sources').items[0]!;
    expect([sources.painId, (sources.posts as Array<{ id: string }>).map((p) => p.id)]).toEqual(['pain_1', sandbox.store.pains.get('pain_1')!.postIds]);
    expect(nodeRun(execution, 'Signal Post').items).toEqual([expect.objectContaining({ id: signal.postId, title: 'Anyone tried Leadtrail vs. Attributo?' })]);
    expect(nodeRun(execution, 'All Briefs').items.map((b) => b.id)).toEqual(['brf_1']);
    expect(nodeRun(execution, 'Memory').items).toEqual([{ projectId: 'prj_9f2a', notes: sandbox.store.projects.get('prj_9f2a')!.notes }]);
  });

  test('a cancelled key: the run stops with dist0\'s 403 in plain words, without the key', async () => {
    const key = sandbox.store.addKey({ name: 'cancelled in the e2e' }).key;
    sandbox.store.keys.get(key)!.cancelled = true;
    const cancelled = await api.createCredential({ name: 'dist0 cancelled', type: CREDENTIAL_TYPE, data: { apiKey: key, baseUrl: sandbox.url, signingSecret: 'd0s_unused_here' } });
    const execution = await runChain('dist0 cancelled key', [{ name: 'Get Pain', parameters: { resource: 'pain', operation: 'get', id: 'pain_1' } }], cancelled);
    expect(execution.status).toBe('error');
    expect(executionError(execution)).toBe('dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.');
    expect(nodeRun(execution, 'Get Pain').error).toBe(executionError(execution));
    expect(JSON.stringify(execution.data)).not.toContain(key);
  });

  test('the polling trigger catches up on the pains found while n8n was stopped, each exactly once', async () => {
    const workflow = await api.createWorkflow({
      name: 'dist0 new pains',
      nodes: [
        {
          name: POLL_NODE,
          type: `${PACKAGE}.dist0PollTrigger`,
          typeVersion: 1,
          position: [0, 0],
          parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'pain.found', options: {} },
          credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
        },
        { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
      ],
      connections: { [POLL_NODE]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
      settings: { executionOrder: 'v1' },
    });
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id);
    await waitFor('the polling trigger to keep its baseline', async () => ((await api.getWorkflow(workflow.id)).staticData as Record<string, any> | undefined)?.[`node:${POLL_NODE}`]?.dist0Poll ? true : undefined, 90_000, 1000);
    expect(await api.listExecutions(workflow.id)).toEqual([]);

    await n8n!.stop();
    log('n8n stopped; dist0 finds three pains and a competitor mention');
    const found = ['Onboarding takes weeks', 'No Slack alerts', 'CSV exports break'].map((title) => sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'pain', painTitle: title }).painId!);
    sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'competitor' });
    const { seconds } = await n8n!.start({ env: { WEBHOOK_URL: UNREACHABLE, N8N_WEBHOOK_URL: UNREACHABLE } });
    timings['n8n restart'] = seconds;
    await api.login(n8n!.owner.email, n8n!.owner.password);

    const emitted = (executions: Execution[]) => executions.flatMap((e) => (e.data?.resultData?.runData?.[POLL_NODE] ?? []).flatMap((run) => run.data?.main?.[0] ?? []).map((i) => i.json));
    const caughtUp = await waitFor(
      'the three pains to come out of n8n',
      async () => {
        const all = await api.listExecutions(workflow.id, { includeData: true });
        if (all.some((e) => e.status === 'running' || e.status === 'new')) return undefined;
        return found.every((id) => emitted(all).some((item) => item.id === id)) ? new Date().toISOString() : undefined;
      },
      4 * MINUTE,
      2000,
    );
    // The next poll (it reads pains.list) must emit nothing.
    await waitFor('one more poll after catching up', async () => (sandbox.store.calls.some((c) => c.capability === 'pains.list' && c.at > caughtUp) ? true : undefined), 3 * MINUTE, 2000);
    await new Promise((resolve) => setTimeout(resolve, 5000)); // time for a wrong execution to be created
    const executions = await waitFor('every execution to finish', async () => {
      const all = await api.listExecutions(workflow.id, { includeData: true });
      return all.some((e) => e.status === 'running' || e.status === 'new') ? undefined : all;
    }, 2 * MINUTE, 1000);
    expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
    expect(emitted(executions).map((item) => item.id).sort()).toEqual([...found].sort());
    expect(emitted(executions).map((item) => item.title).sort()).toEqual(['CSV exports break', 'No Slack alerts', 'Onboarding takes weeks']);
    await api.unpublish(workflow.id);
  }, 15 * MINUTE);

  test('an AI Agent reads dist0 through its MCP server (MCP Client Tool) and the dist0 Tool', async () => {
    const MCP = 'dist0 MCP';
    const TOOL = 'Pain Sources';
    const mcp = await startDistribuMcpHttpServer({ port: 0, baseUrl: sandbox.url, provider: dist0Mcp });
    const model = await startScriptedModel({
      script: [
        { label: 'list the most mentioned pains', tool: (t) => t.name === mcpToolName('pains_list', MCP), arguments: () => ({ sort: 'posts', limit: 2 }) },
        { label: "read the top pain's posts", tool: (t) => t.name === 'Pain_Sources', arguments: (c) => ({ id: String(findInResult(c.results[0]!.content, 'id')) }) },
        { label: 'answer', reply: (c) => `Top pain ${String(findInResult(c.results[0]!.content, 'id'))}: ${(findInResult(c.results[1]!.content, 'posts') as unknown[] | undefined)?.length ?? 0} posts.` },
      ],
    });
    try {
      const bearer = await api.createCredential({ name: 'dist0 API key (MCP)', type: 'httpBearerAuth', data: { token: sandbox.apiKey } });
      const modelCredential = await createModelCredential(api, model.url);
      const painSources = {
        name: TOOL,
        type: `${PACKAGE}.dist0Tool`,
        typeVersion: 1,
        position: [480, 240] as [number, number],
        parameters: { resource: 'pain', operation: 'getSources', id: "={{ $fromAI('id', 'The pain id, e.g. pain_1', 'string') }}" },
        credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
      };
      const built = agentWorkflow({
        name: 'dist0 agent',
        prompt: 'Which buyer pain is mentioned most, and in how many posts?',
        systemMessage: 'You read dist0 with the tools you have.',
        modelName: model.model,
        modelCredential,
        tools: [{ ...mcpClientToolNode(mcp.url, bearer), name: MCP }, painSources],
      });
      const run = await runAgentWorkflow(api, `${n8n!.url}/`, built);
      timings['agent run'] = run.seconds;
      expect(model.problems).toEqual([]);
      expect([run.status, run.answer]).toEqual([200, { output: `Top pain pain_1: ${sandbox.store.pains.get('pain_1')!.postIds.length} posts.` }]);
      const received = model.requests[0]!.tools;
      expect(received.filter((t) => t.name.startsWith(mcpToolName('', MCP))).map((t) => t.name).sort()).toEqual(dist0Mcp.tools.map((t) => mcpToolName(t.name, MCP)).sort());
      const tool = received.find((t) => t.name === 'Pain_Sources')!;
      expect(tool.description).toBe(agentDescription(dist0RuntimeOps.find((op) => op.key === 'pains.sources')!, 'dist0'));
      expect(tool.parameters.properties?.id?.description).toBe('The pain id, e.g. pain_1');
      expect(toolRuns(run.execution, [MCP, TOOL]).map((r) => [r.node, r.error])).toEqual([[MCP, undefined], [TOOL, undefined]]);
      expect(model.requests.some((r) => r.raw.includes(sandbox.apiKey))).toBe(false);
    } finally {
      await model.close();
      await mcp.close();
    }
  }, 10 * MINUTE);
});
