/**
 * Benchmark 8: what the MCP server adds to a tool call. Get Order through the SDK's client → the
 * Distribu MCP server → the sandbox, over Streamable HTTP (server in this process) and over stdio
 * (the bin as a child process), against the bare REST call (fetch → sandbox) it wraps. Calls
 * alternate between the paths so drift hits all alike; bounded by a call count and a hard time stop.
 */
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { join } from 'node:path';
import { startDistribuMcpHttpServer } from '../mcp/src';
import { startSandbox } from '../sandbox/src';
import { summarize } from './support/stats';
import { type Cell, ms, printTable } from './support/table';

const CALLS = 500;
const WARMUP = 50;
const HARD_STOP_MS = 60_000;
const root = join(__dirname, '..');

export async function runMcp(): Promise<void> {
  const sb = await startSandbox({ port: 0, seed: true });
  const mcp = await startDistribuMcpHttpServer({ port: 0, host: '127.0.0.1', baseUrl: sb.url });
  const http = new Client({ name: 'bench', version: '1.0.0' });
  const stdio = new Client({ name: 'bench', version: '1.0.0' });
  try {
    await http.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers: { authorization: `Bearer ${sb.apiKey}` } } }));
    await stdio.connect(
      new StdioClientTransport({
        command: join(root, 'node_modules', '.bin', 'tsx'),
        args: [join(root, 'mcp', 'src', 'cli.ts')],
        env: { DISTRIBU_API_KEY: sb.apiKey, DISTRIBU_BASE_URL: sb.url },
      }),
    );
    // The client checks results against the output schemas once it has listed the tools, as agents do.
    await Promise.all([http.listTools(), stdio.listTools()]);
    const orderId = [...sb.core.store.orders.keys()][0]!;

    const paths: Array<[string, () => Promise<unknown>]> = [
      [
        'bare REST call (fetch → sandbox)',
        async () => {
          const res = await fetch(`${sb.url}/api/v1/orders/${orderId}`, { headers: { authorization: `Bearer ${sb.apiKey}`, accept: 'application/json' } });
          if (res.status !== 200) throw new Error(`REST answered ${res.status}`);
          return res.json();
        },
      ],
      ['MCP, Streamable HTTP (client → server → sandbox)', () => tool(http, orderId)],
      ['MCP, stdio (client → bin process → sandbox)', () => tool(stdio, orderId)],
    ];
    const samples = paths.map(() => [] as number[]);
    const stopAt = performance.now() + HARD_STOP_MS;
    for (let i = 0; i < WARMUP + CALLS && performance.now() < stopAt; i++) {
      for (const [p, [, run]] of paths.entries()) {
        const start = performance.now();
        await run();
        if (i >= WARMUP) samples[p]!.push(performance.now() - start);
      }
    }
    const stats = samples.map(summarize);
    const base = stats[0]!;
    const rows: Cell[][] = paths.map(([name], p) => [
      name,
      stats[p]!.count,
      ms(stats[p]!.p50),
      ms(stats[p]!.p95),
      p === 0 ? '-' : `+${ms(stats[p]!.p50 - base.p50)}`,
    ]);
    printTable('8. MCP server overhead per tool call: Get Order (order_get), loopback', ['path', 'calls', 'median', 'p95', 'added (median)'], rows, [
      'The HTTP path runs client, MCP server and sandbox in one process; stdio runs the bin as a child process (from source, via tsx).',
    ]);
  } finally {
    await Promise.allSettled([http.close(), stdio.close()]);
    await mcp.close();
    await sb.close();
  }
}

async function tool(client: Client, orderId: string): Promise<unknown> {
  const result = await client.callTool({ name: 'order_get', arguments: { orderId } });
  if (result.isError) throw new Error(`order_get failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent;
}
