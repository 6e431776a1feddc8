// Streamable HTTP (MCP 2025-03-26 and later), stateless: every POST carries its own Distribu API key
// in `Authorization: Bearer`, gets a fresh server session bound to that key, and a JSON answer. This
// is what n8n's MCP Client Tool and hosted agents connect to. The key is never logged or echoed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { checkedBaseUrl } from './distribu-http';
import { distribuMcp } from './distribu';
import type { McpProvider } from './provider';
import { createMcpServer } from './server';

export interface DistribuMcpHttpOptions {
  /** 0 picks a free port (default 3333). */
  port?: number;
  /** Loopback by default; bind wider only behind TLS and a proxy you trust. */
  host?: string;
  /** Distribu's base URL (default https://distribu.app). */
  baseUrl?: string;
  /** The endpoint's path (default `/mcp`). */
  path?: string;
  /** The provider it serves (default Distribu's; `dist0Mcp` for dist0). */
  provider?: McpProvider;
}

export interface DistribuMcpHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3333/mcp`. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_HTTP_PORT = 3333;

export const NO_KEY_MESSAGE =
  'No Distribu API key: send it in the Authorization header as "Bearer <your Distribu API key>". Create a key in Distribu under Settings → API keys.';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** A JSON-RPC error answer without an id (nothing was read yet), as the SDK's own transports send. */
function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: status === 401 ? -32001 : -32000, message }, id: null }));
}

function bearerKey(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The Host header's name without its port (`[::1]:3333` → `[::1]`). */
function hostName(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
}

/** What a request without a key is told: Distribu's words, or the same for another provider. */
function noKeyMessage(provider: McpProvider): string {
  if (provider === distribuMcp) return NO_KEY_MESSAGE;
  const name = provider.host.names.displayName;
  return `No ${name} API key: send it in the Authorization header as "Bearer <your ${name} API key>".`;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: Required<Pick<DistribuMcpHttpOptions, 'path' | 'host' | 'provider'>> & { baseUrl?: string }): Promise<void> {
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== options.path) return refuse(res, 404, `Not found: the MCP endpoint is ${options.path}.`);
  // A server on loopback answers only to loopback names, so a web page cannot reach it by DNS rebinding.
  if (LOOPBACK.has(options.host) && !LOOPBACK.has(hostName(req))) return refuse(res, 403, 'Forbidden: this server answers only on its loopback address.');
  // Stateless: no session to resume (GET) or end (DELETE).
  if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed: this MCP server is stateless; send each request as a POST.', { allow: 'POST' });
  const apiKey = bearerKey(req);
  if (!apiKey) return refuse(res, 401, noKeyMessage(options.provider), { 'www-authenticate': `Bearer realm="${options.provider.host.names.displayName}"` });
  const server = createMcpServer(options.provider, { apiKey, baseUrl: options.baseUrl });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  // The session ends with its answer; closing is best effort and must never fail the process.
  res.on('close', () => {
    transport.close().catch(() => undefined);
    server.close().catch(() => undefined);
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

/** Serves the Distribu MCP server (or `options.provider`'s) over Streamable HTTP at `url` until `close()`. */
export async function startDistribuMcpHttpServer(options: DistribuMcpHttpOptions = {}): Promise<DistribuMcpHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/mcp';
  const provider = options.provider ?? distribuMcp;
  const name = provider.host.names.displayName;
  const baseUrl = provider === distribuMcp ? checkedBaseUrl(options.baseUrl) : checkedBaseUrl(options.baseUrl, `The ${name} base URL`, provider.host.api!.baseUrl.default);
  const http = createServer((req, res) => {
    handle(req, res, { host, path, baseUrl, provider }).catch(() => {
      // Never the error itself: it may hold request details. The client sees a plain 500.
      if (!res.headersSent) refuse(res, 500, `The ${provider.host.names.displayName} MCP server failed to handle the request.`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? DEFAULT_HTTP_PORT, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
